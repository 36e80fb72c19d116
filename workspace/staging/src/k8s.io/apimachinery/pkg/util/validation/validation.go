// Package validation has functions for validating the correctness of
// names, labels and other identifiers used by API objects.
package validation

import (
	"fmt"
	"regexp"
	"strings"
)

const dns1123LabelFmt = "[a-z0-9]([-a-z0-9]*[a-z0-9])?"

// DNS1123LabelMaxLength is the maximum length of a DNS-1123 label.
const DNS1123LabelMaxLength = 63

// DNS1123SubdomainMaxLength is the maximum length of a DNS-1123 subdomain.
const DNS1123SubdomainMaxLength = 253

const dns1123SubdomainFmt = dns1123LabelFmt + "(\\." + dns1123LabelFmt + ")*"

const qualifiedNameFmt = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]"

// QualifiedNameMaxLength is the maximum length of the name part of a qualified name.
const QualifiedNameMaxLength = 63

// LabelValueMaxLength is the maximum length of a label value.
const LabelValueMaxLength = 63

var (
	dns1123LabelRegexp     = regexp.MustCompile("^" + dns1123LabelFmt + "$")
	dns1123SubdomainRegexp = regexp.MustCompile("^" + dns1123SubdomainFmt + "$")
	qualifiedNameRegexp    = regexp.MustCompile("^" + qualifiedNameFmt + "$")
	labelValueRegexp       = regexp.MustCompile("^(" + qualifiedNameFmt + ")?$")
)

// IsDNS1123Label tests for a string that conforms to RFC 1123 label rules.
func IsDNS1123Label(value string) []string {
	var errs []string
	if len(value) > DNS1123LabelMaxLength {
		errs = append(errs, MaxLenError(DNS1123LabelMaxLength))
	}
	if !dns1123LabelRegexp.MatchString(value) {
		errs = append(errs, RegexError("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character", dns1123LabelFmt, "my-name", "123-abc"))
	}
	return errs
}

// IsDNS1123Subdomain tests for a string that conforms to RFC 1123 subdomain rules.
func IsDNS1123Subdomain(value string) []string {
	var errs []string
	if len(value) > DNS1123SubdomainMaxLength {
		errs = append(errs, MaxLenError(DNS1123SubdomainMaxLength))
	}
	if !dns1123SubdomainRegexp.MatchString(value) {
		errs = append(errs, RegexError("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.'", dns1123SubdomainFmt, "example.com"))
	}
	return errs
}

// IsQualifiedName tests whether value is a valid key for labels and
// annotations: an optional DNS subdomain prefix and a name.
func IsQualifiedName(value string) []string {
	var errs []string
	parts := strings.Split(value, "/")
	var name string
	switch len(parts) {
	case 1:
		name = parts[0]
	case 2:
		var prefix string
		prefix, name = parts[0], parts[1]
		if len(prefix) == 0 {
			errs = append(errs, "prefix part "+EmptyError())
		} else if msgs := IsDNS1123Subdomain(prefix); len(msgs) != 0 {
			for _, m := range msgs {
				errs = append(errs, "prefix part "+m)
			}
		}
	default:
		return append(errs, "a qualified name must consist of alphanumeric characters, '-', '_' or '.', with an optional DNS subdomain prefix and '/'")
	}
	if len(name) == 0 {
		errs = append(errs, "name part "+EmptyError())
	} else if len(name) > QualifiedNameMaxLength {
		errs = append(errs, "name part "+MaxLenError(QualifiedNameMaxLength))
	}
	if !qualifiedNameRegexp.MatchString(name) {
		errs = append(errs, "name part "+RegexError("must consist of alphanumeric characters, '-', '_' or '.'", qualifiedNameFmt, "MyName", "my.name"))
	}
	return errs
}

// IsValidLabelValue tests whether value is a valid label value.
func IsValidLabelValue(value string) []string {
	var errs []string
	if len(value) > LabelValueMaxLength {
		errs = append(errs, MaxLenError(LabelValueMaxLength))
	}
	if !labelValueRegexp.MatchString(value) {
		errs = append(errs, RegexError("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.'", qualifiedNameFmt, "MyValue", "my_value"))
	}
	return errs
}

// IsValidPortNum tests that port is in the range 1-65535.
func IsValidPortNum(port int) []string {
	if 1 <= port && port <= 65535 {
		return nil
	}
	return []string{InclusiveRangeError(1, 65535)}
}

// MaxLenError returns a string explanation of a "string too long" validation failure.
func MaxLenError(length int) string {
	return fmt.Sprintf("must be no more than %d characters", length)
}

// EmptyError returns a string explanation of an "empty string" validation failure.
func EmptyError() string { return "must be non-empty" }

// InclusiveRangeError returns a string explanation of a numeric "must be between" failure.
func InclusiveRangeError(lo, hi int) string {
	return fmt.Sprintf("must be between %d and %d, inclusive", lo, hi)
}

// RegexError returns a string explanation of a regex validation failure.
func RegexError(msg, format string, examples ...string) string {
	if len(examples) == 0 {
		return msg + " (regex used for validation is '" + format + "')"
	}
	msg += " (e.g. "
	for i := range examples {
		if i > 0 {
			msg += " or "
		}
		msg += "'" + examples[i] + "', "
	}
	return msg + "regex used for validation is '" + format + "')"
}
