package labels

import "testing"

func TestParseAndMatch(t *testing.T) {
	tests := []struct {
		selector string
		labels   Set
		want     bool
	}{
		{"", Set{"a": "b"}, true},
		{"app=web", Set{"app": "web"}, true},
		{"app=web,tier!=db", Set{"app": "web", "tier": "db"}, false},
		{"env", Set{"env": "prod"}, true},
		{"!legacy", Set{"legacy": "true"}, false},
	}
	for _, tc := range tests {
		sel, err := Parse(tc.selector)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tc.selector, err)
		}
		if got := sel.Matches(tc.labels); got != tc.want {
			t.Errorf("%q.Matches(%v) = %v, want %v", tc.selector, tc.labels, got, tc.want)
		}
	}
	if _, err := Parse("=x"); err == nil {
		t.Errorf("expected error for empty key")
	}
}
