// Package logs configures logging for Kubernetes components: a verbosity
// threshold and klog-style leveled output on top of the standard logger.
package logs

import (
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"sync/atomic"
)

// Level is a verbosity level; larger numbers are chattier.
type Level int32

var verbosity int32

var logger = log.New(os.Stderr, "", log.LstdFlags|log.Lmicroseconds)

// Options holds the logging flags of a component.
type Options struct {
	Verbosity Level
	Format    string
}

// NewOptions returns the default logging options.
func NewOptions() *Options { return &Options{Format: "text"} }

// AddFlags registers -v and --logging-format.
func (o *Options) AddFlags(fs *flag.FlagSet) {
	fs.Var((*levelValue)(&o.Verbosity), "v", "number for the log level verbosity")
	fs.StringVar(&o.Format, "logging-format", o.Format, "sets the log format; only \"text\" is supported")
}

// Validate checks the options.
func (o *Options) Validate() error {
	if o.Format != "text" {
		return fmt.Errorf("unsupported log format %q", o.Format)
	}
	if o.Verbosity < 0 {
		return fmt.Errorf("verbosity must not be negative")
	}
	return nil
}

// Apply makes the options effective for the process.
func (o *Options) Apply() {
	atomic.StoreInt32(&verbosity, int32(o.Verbosity))
}

// SetOutput redirects log output, e.g. to silence it in tests.
func SetOutput(w io.Writer) { logger.SetOutput(w) }

// Verbose is a boolean that controls whether leveled messages are written.
type Verbose bool

// V reports whether verbosity at the call site is at least the requested level.
func V(level Level) Verbose {
	return Verbose(int32(level) <= atomic.LoadInt32(&verbosity))
}

// Enabled reports whether this level is logged.
func (v Verbose) Enabled() bool { return bool(v) }

// Infof logs when the verbosity is enabled.
func (v Verbose) Infof(format string, args ...interface{}) {
	if v {
		logger.Output(2, "I "+fmt.Sprintf(format, args...))
	}
}

// Infof logs at level 0.
func Infof(format string, args ...interface{}) {
	logger.Output(2, "I "+fmt.Sprintf(format, args...))
}

// Warningf logs a warning.
func Warningf(format string, args ...interface{}) {
	logger.Output(2, "W "+fmt.Sprintf(format, args...))
}

// Errorf logs an error.
func Errorf(format string, args ...interface{}) {
	logger.Output(2, "E "+fmt.Sprintf(format, args...))
}

type levelValue Level

func (l *levelValue) String() string { return fmt.Sprint(int32(*l)) }

func (l *levelValue) Set(s string) error {
	var v int32
	if _, err := fmt.Sscanf(s, "%d", &v); err != nil {
		return fmt.Errorf("invalid verbosity %q", s)
	}
	*l = levelValue(v)
	return nil
}
