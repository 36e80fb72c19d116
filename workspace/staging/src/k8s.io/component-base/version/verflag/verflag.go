// Package verflag defines the --version flag shared by all Kubernetes
// components.
package verflag

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strconv"

	"k8s.io/component-base/version"
)

type versionValue int

// Possible values of the version flag.
const (
	VersionFalse versionValue = 0
	VersionTrue  versionValue = 1
	VersionRaw   versionValue = 2
)

const strRawVersion = "raw"

func (v *versionValue) IsBoolFlag() bool { return true }

func (v *versionValue) Get() interface{} { return *v }

func (v *versionValue) Set(s string) error {
	if s == strRawVersion {
		*v = VersionRaw
		return nil
	}
	boolVal, err := strconv.ParseBool(s)
	if err != nil {
		return fmt.Errorf("invalid value %q: expected true, false or %s", s, strRawVersion)
	}
	if boolVal {
		*v = VersionTrue
	} else {
		*v = VersionFalse
	}
	return nil
}

func (v *versionValue) String() string {
	if *v == VersionRaw {
		return strRawVersion
	}
	return strconv.FormatBool(*v == VersionTrue)
}

// Type is the flag value type shown in help output.
func (v *versionValue) Type() string { return "version" }

const (
	versionFlagName = "version"
	programName     = "Kubernetes"
)

// Version holds the state of one --version flag.
type Version struct {
	value versionValue
}

// AddFlags registers --version on fs and returns the value holder.
func AddFlags(fs *flag.FlagSet) *Version {
	v := &Version{}
	fs.Var(&v.value, versionFlagName, "--version, --version=raw prints version information and quits")
	return v
}

// Requested reports whether the flag asked for version output.
func (v *Version) Requested() bool { return v.value != VersionFalse }

// Print writes the version in the requested form: "Kubernetes <gitVersion>"
// for --version, and the full Info as JSON for --version=raw.
func (v *Version) Print(w io.Writer) error {
	info := version.Get()
	switch v.value {
	case VersionRaw:
		data, err := json.Marshal(info)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintln(w, string(data))
		return err
	case VersionTrue:
		_, err := fmt.Fprintf(w, "%s %s\n", programName, info)
		return err
	}
	return nil
}
