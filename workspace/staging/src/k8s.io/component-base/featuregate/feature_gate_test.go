package featuregate

import "testing"

func TestFeatureGateFlag(t *testing.T) {
	f := NewFeatureGate()
	if err := f.Add(map[Feature]FeatureSpec{
		"AlphaThing": {Default: false, PreRelease: Alpha},
		"BetaThing":  {Default: true, PreRelease: Beta},
		"Locked":     {Default: true, PreRelease: GA, LockToDefault: true},
	}); err != nil {
		t.Fatal(err)
	}
	if err := f.Set("AlphaThing=true, BetaThing=false"); err != nil {
		t.Fatal(err)
	}
	if !f.Enabled("AlphaThing") || f.Enabled("BetaThing") || !f.Enabled("Locked") {
		t.Errorf("unexpected gate state: %s", f)
	}
	if err := f.Set("Locked=false"); err == nil {
		t.Error("expected error when overriding a locked gate")
	}
	if err := f.Set("Unknown=true"); err == nil {
		t.Error("expected error for unknown gate")
	}
	if got := f.String(); got != "AlphaThing=true,BetaThing=false" {
		t.Errorf("String() = %q", got)
	}
}
