package v1

import (
	"encoding/json"
	"time"
)

// Time wraps time.Time and serializes as RFC 3339 with second precision,
// or null when zero.
type Time struct {
	time.Time `json:"-"`
}

// NewTime returns a wrapped instance of the provided time.
func NewTime(t time.Time) Time { return Time{t} }

// Now returns the current local time.
func Now() Time { return Time{time.Now()} }

// Date returns the Time corresponding to the supplied parameters.
func Date(year int, month time.Month, day, hour, min, sec, nsec int, loc *time.Location) Time {
	return Time{time.Date(year, month, day, hour, min, sec, nsec, loc)}
}

// IsZero returns true if the value is nil or time is zero.
func (t *Time) IsZero() bool {
	return t == nil || t.Time.IsZero()
}

// Before reports whether the time instant t is before u.
func (t *Time) Before(u *Time) bool {
	if t != nil && u != nil {
		return t.Time.Before(u.Time)
	}
	return false
}

// Rfc3339Copy returns a copy truncated to second precision in UTC.
func (t Time) Rfc3339Copy() Time {
	copied, _ := time.Parse(time.RFC3339, t.UTC().Format(time.RFC3339))
	return Time{copied}
}

// MarshalJSON implements json.Marshaler.
func (t Time) MarshalJSON() ([]byte, error) {
	if t.Time.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(t.UTC().Format(time.RFC3339))
}

// UnmarshalJSON implements json.Unmarshaler.
func (t *Time) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		t.Time = time.Time{}
		return nil
	}
	var str string
	if err := json.Unmarshal(b, &str); err != nil {
		return err
	}
	pt, err := time.Parse(time.RFC3339, str)
	if err != nil {
		return err
	}
	t.Time = pt.Local()
	return nil
}

// Duration wraps time.Duration and serializes as its string form.
type Duration struct {
	time.Duration `json:"-"`
}

// MarshalJSON implements json.Marshaler.
func (d Duration) MarshalJSON() ([]byte, error) {
	return json.Marshal(d.Duration.String())
}

// UnmarshalJSON implements json.Unmarshaler.
func (d *Duration) UnmarshalJSON(b []byte) error {
	var str string
	if err := json.Unmarshal(b, &str); err != nil {
		return err
	}
	pd, err := time.ParseDuration(str)
	if err != nil {
		return err
	}
	d.Duration = pd
	return nil
}
