// Package yaml marshals Go values to YAML by way of their JSON encoding,
// so that `json` struct tags and json.Marshaler implementations are
// honoured exactly as with encoding/json.
//
// The output is block-style YAML with map keys in sorted order, lists
// written as "- " items, and strings quoted only when a plain scalar
// would be ambiguous.
package yaml

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Marshal marshals o into JSON and then converts the JSON to YAML.
func Marshal(o interface{}) ([]byte, error) {
	j, err := json.Marshal(o)
	if err != nil {
		return nil, fmt.Errorf("error marshaling into JSON: %v", err)
	}
	y, err := JSONToYAML(j)
	if err != nil {
		return nil, fmt.Errorf("error converting JSON to YAML: %v", err)
	}
	return y, nil
}

// JSONToYAML converts JSON to YAML.
func JSONToYAML(j []byte) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(j))
	dec.UseNumber()
	var v interface{}
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	switch v.(type) {
	case map[string]interface{}, []interface{}:
		if isEmpty(v) {
			buf.WriteString(emptyCollection(v) + "\n")
		} else {
			writeBlock(&buf, v, 0)
		}
	default:
		buf.WriteString(scalar(v) + "\n")
	}
	return buf.Bytes(), nil
}

func isEmpty(v interface{}) bool {
	switch t := v.(type) {
	case map[string]interface{}:
		return len(t) == 0
	case []interface{}:
		return len(t) == 0
	}
	return false
}

func emptyCollection(v interface{}) string {
	if _, ok := v.([]interface{}); ok {
		return "[]"
	}
	return "{}"
}

func isCollection(v interface{}) bool {
	switch v.(type) {
	case map[string]interface{}, []interface{}:
		return !isEmpty(v)
	}
	return false
}

// writeBlock writes a non-empty map or list with every line indented by indent spaces.
func writeBlock(buf *bytes.Buffer, v interface{}, indent int) {
	pad := strings.Repeat(" ", indent)
	switch t := v.(type) {
	case map[string]interface{}:
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			val := t[k]
			buf.WriteString(pad + quoteIfNeeded(k) + ":")
			switch {
			case isCollection(val):
				buf.WriteString("\n")
				child := indent + 2
				if _, isList := val.([]interface{}); isList {
					// Lists under a key are not indented further.
					child = indent
				}
				writeBlock(buf, val, child)
			case isEmpty(val):
				buf.WriteString(" " + emptyCollection(val) + "\n")
			default:
				buf.WriteString(" " + scalar(val) + "\n")
			}
		}
	case []interface{}:
		for _, item := range t {
			if !isCollection(item) {
				if isEmpty(item) {
					buf.WriteString(pad + "- " + emptyCollection(item) + "\n")
				} else {
					buf.WriteString(pad + "- " + scalar(item) + "\n")
				}
				continue
			}
			// Render the item two columns deeper, then put the dash into
			// the indentation of its first line.
			var child bytes.Buffer
			writeBlock(&child, item, indent+2)
			out := child.Bytes()
			buf.WriteString(pad + "- ")
			buf.Write(out[indent+2:])
		}
	}
}

func scalar(v interface{}) string {
	switch t := v.(type) {
	case nil:
		return "null"
	case bool:
		return strconv.FormatBool(t)
	case json.Number:
		return t.String()
	case string:
		return quoteIfNeeded(t)
	}
	return fmt.Sprint(v)
}

var reserved = map[string]bool{
	"true": true, "false": true, "yes": true, "no": true, "on": true, "off": true,
	"y": true, "n": true, "null": true, "~": true,
}

// quoteIfNeeded returns s as a plain scalar when that reads back as the
// same string, and double-quoted otherwise.
func quoteIfNeeded(s string) string {
	if s == "" || reserved[strings.ToLower(s)] ||
		strings.TrimSpace(s) != s ||
		strings.ContainsAny(s, "\n\t\"'\\") ||
		strings.Contains(s, ": ") || strings.Contains(s, " #") || strings.HasSuffix(s, ":") ||
		strings.ContainsRune("-?:,[]{}#&*!|>%@`", rune(s[0])) ||
		looksNumeric(s) || timestampRegexp.MatchString(s) {
		return strconv.Quote(s)
	}
	return s
}

// timestampRegexp matches the YAML 1.1 timestamp forms that a reader would
// decode as a time rather than a string.
var timestampRegexp = regexp.MustCompile(`^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ]|$)`)

func looksNumeric(s string) bool {
	if _, err := strconv.ParseFloat(s, 64); err == nil {
		return true
	}
	if _, err := strconv.ParseInt(s, 0, 64); err == nil {
		return true
	}
	return s == ".inf" || s == ".nan" || s == "-.inf"
}
