package resource

import "testing"

func TestParseQuantity(t *testing.T) {
	tests := []struct {
		in        string
		milli     int64
		canonical string
	}{
		{"100m", 100, "100m"},
		{"2", 2000, "2"},
		{"1.5", 1500, "1500m"},
		{"128Mi", 128 << 20 * 1000, "128Mi"},
		{"1024Ki", 1 << 20 * 1000, "1Mi"},
		{"3k", 3000000, "3k"},
		{"2000k", 2000000000, "2M"},
	}
	for _, tc := range tests {
		q, err := ParseQuantity(tc.in)
		if err != nil {
			t.Fatalf("ParseQuantity(%q): %v", tc.in, err)
		}
		if q.MilliValue() != tc.milli {
			t.Errorf("%q: milli = %d, want %d", tc.in, q.MilliValue(), tc.milli)
		}
		if got := q.String(); got != tc.canonical {
			t.Errorf("%q: String() = %q, want %q", tc.in, got, tc.canonical)
		}
	}
	for _, bad := range []string{"", "abc", "1Zi", "1..2"} {
		if _, err := ParseQuantity(bad); err == nil {
			t.Errorf("ParseQuantity(%q) expected error", bad)
		}
	}
}

func TestArithmetic(t *testing.T) {
	q := MustParse("1Gi")
	q.Sub(MustParse("512Mi"))
	if got := q.String(); got != "512Mi" {
		t.Errorf("1Gi-512Mi = %s", got)
	}
	cpu := MustParse("250m")
	if cpu.Value() != 1 {
		t.Errorf("Value should round up, got %d", cpu.Value())
	}
}
