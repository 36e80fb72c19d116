// Package resource implements Quantity, a fixed-point representation of
// a number with an optional SI or binary suffix, as used for CPU and
// memory amounts.
package resource

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/big"
	"strings"
)

// Format is the suffix family used when a Quantity is printed.
type Format string

// Supported formats.
const (
	DecimalSI Format = "DecimalSI"
	BinarySI  Format = "BinarySI"
)

// ErrFormatWrong is returned when a quantity string cannot be parsed.
var ErrFormatWrong = errors.New("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")

// ErrTooLarge is returned when a quantity does not fit in the internal representation.
var ErrTooLarge = errors.New("quantity is too large")

type suffix struct {
	name       string
	multiplier int64
	format     Format
}

// suffixes are ordered largest first within each family.
var suffixes = []suffix{
	{"Ei", 1 << 60, BinarySI},
	{"Pi", 1 << 50, BinarySI},
	{"Ti", 1 << 40, BinarySI},
	{"Gi", 1 << 30, BinarySI},
	{"Mi", 1 << 20, BinarySI},
	{"Ki", 1 << 10, BinarySI},
	{"E", 1e18, DecimalSI},
	{"P", 1e15, DecimalSI},
	{"T", 1e12, DecimalSI},
	{"G", 1e9, DecimalSI},
	{"M", 1e6, DecimalSI},
	{"k", 1e3, DecimalSI},
}

// Quantity is a fixed-point number with milli precision.
type Quantity struct {
	milli  int64
	Format Format
}

// ParseQuantity turns str into a Quantity or returns an error.
func ParseQuantity(str string) (Quantity, error) {
	str = strings.TrimSpace(str)
	if str == "" {
		return Quantity{}, ErrFormatWrong
	}
	num, suf := splitSuffix(str)
	r, ok := new(big.Rat).SetString(num)
	if !ok {
		return Quantity{}, ErrFormatWrong
	}
	format := DecimalSI
	switch suf {
	case "":
	case "m":
		r.Quo(r, big.NewRat(1000, 1))
	default:
		found := false
		for _, s := range suffixes {
			if s.name == suf {
				r.Mul(r, new(big.Rat).SetInt64(s.multiplier))
				format = s.format
				found = true
				break
			}
		}
		if !found {
			return Quantity{}, ErrFormatWrong
		}
	}
	r.Mul(r, big.NewRat(1000, 1))
	// Round up to the next milli unit, as Kubernetes does for sub-milli precision.
	n := new(big.Int).Quo(r.Num(), r.Denom())
	if new(big.Rat).SetInt(n).Cmp(r) < 0 {
		n.Add(n, big.NewInt(1))
	}
	if !n.IsInt64() {
		return Quantity{}, ErrTooLarge
	}
	return Quantity{milli: n.Int64(), Format: format}, nil
}

func splitSuffix(str string) (string, string) {
	i := len(str)
	for i > 0 {
		c := str[i-1]
		if (c >= '0' && c <= '9') || c == '.' {
			break
		}
		i--
	}
	return str[:i], str[i:]
}

// MustParse parses str and panics on error. It is meant for constants and tests.
func MustParse(str string) Quantity {
	q, err := ParseQuantity(str)
	if err != nil {
		panic(fmt.Errorf("cannot parse '%v': %v", str, err))
	}
	return q
}

// NewQuantity returns a quantity of value units in the given format.
func NewQuantity(value int64, format Format) *Quantity {
	return &Quantity{milli: value * 1000, Format: format}
}

// NewMilliQuantity returns a quantity of value thousandths.
func NewMilliQuantity(value int64, format Format) *Quantity {
	return &Quantity{milli: value, Format: format}
}

// Value returns the value rounded up to the nearest integer.
func (q *Quantity) Value() int64 {
	v := q.milli / 1000
	if q.milli%1000 > 0 {
		v++
	}
	return v
}

// MilliValue returns the value in thousandths.
func (q *Quantity) MilliValue() int64 { return q.milli }

// IsZero reports whether the quantity is zero.
func (q *Quantity) IsZero() bool { return q.milli == 0 }

// Sign returns -1, 0 or 1.
func (q *Quantity) Sign() int {
	switch {
	case q.milli < 0:
		return -1
	case q.milli > 0:
		return 1
	}
	return 0
}

// Cmp returns -1, 0 or 1 as q is less than, equal to, or greater than y.
func (q *Quantity) Cmp(y Quantity) int {
	switch {
	case q.milli < y.milli:
		return -1
	case q.milli > y.milli:
		return 1
	}
	return 0
}

// Add adds y to q, saturating on overflow.
func (q *Quantity) Add(y Quantity) {
	if q.Format == "" {
		q.Format = y.Format
	}
	if (y.milli > 0 && q.milli > math.MaxInt64-y.milli) || (y.milli < 0 && q.milli < math.MinInt64-y.milli) {
		if y.milli > 0 {
			q.milli = math.MaxInt64
		} else {
			q.milli = math.MinInt64
		}
		return
	}
	q.milli += y.milli
}

// Sub subtracts y from q.
func (q *Quantity) Sub(y Quantity) {
	y.milli = -y.milli
	q.Add(y)
}

// DeepCopy returns a copy of q.
func (q Quantity) DeepCopy() Quantity { return q }

// String renders the quantity in canonical form: milli units when it has
// a fractional part, otherwise the largest exact suffix of its format.
func (q *Quantity) String() string {
	if q.milli%1000 != 0 {
		return fmt.Sprintf("%dm", q.milli)
	}
	v := q.milli / 1000
	if v == 0 {
		return "0"
	}
	abs := v
	if abs < 0 {
		abs = -abs
	}
	for _, s := range suffixes {
		if s.format == q.Format && abs >= s.multiplier && abs%s.multiplier == 0 {
			return fmt.Sprintf("%d%s", v/s.multiplier, s.name)
		}
	}
	return fmt.Sprintf("%d", v)
}

// MarshalJSON implements json.Marshaler.
func (q Quantity) MarshalJSON() ([]byte, error) {
	return json.Marshal(q.String())
}

// UnmarshalJSON implements json.Unmarshaler.
func (q *Quantity) UnmarshalJSON(value []byte) error {
	if string(value) == "null" {
		*q = Quantity{}
		return nil
	}
	var str string
	if err := json.Unmarshal(value, &str); err != nil {
		var n json.Number
		if err2 := json.Unmarshal(value, &n); err2 != nil {
			return err
		}
		str = n.String()
	}
	parsed, err := ParseQuantity(str)
	if err != nil {
		return err
	}
	*q = parsed
	return nil
}
