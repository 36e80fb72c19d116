// Package printers renders API objects as human-readable tables.
package printers

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"
)

// TableColumnDefinition describes one column of a table.
type TableColumnDefinition struct {
	Name        string
	Type        string
	Description string
	// Priority 0 columns are always shown; higher priorities only in wide output.
	Priority int32
}

// TableRow is a single row of cells.
type TableRow struct {
	Cells []interface{}
}

// Table is a tabular representation of a set of API resources.
type Table struct {
	ColumnDefinitions []TableColumnDefinition
	Rows              []TableRow
}

// PrintOptions controls the rendering of a table.
type PrintOptions struct {
	NoHeaders bool
	Wide      bool
}

// TablePrinter writes tables with aligned columns.
type TablePrinter struct {
	options PrintOptions
}

// NewTablePrinter returns a printer with the given options.
func NewTablePrinter(options PrintOptions) *TablePrinter {
	return &TablePrinter{options: options}
}

// PrintTable writes t to output.
func (p *TablePrinter) PrintTable(t *Table, output io.Writer) error {
	w := tabwriter.NewWriter(output, 10, 4, 3, ' ', 0)
	var visible []int
	for i, col := range t.ColumnDefinitions {
		if col.Priority == 0 || p.options.Wide {
			visible = append(visible, i)
		}
	}
	if !p.options.NoHeaders {
		headers := make([]string, 0, len(visible))
		for _, i := range visible {
			headers = append(headers, strings.ToUpper(t.ColumnDefinitions[i].Name))
		}
		fmt.Fprintln(w, strings.Join(headers, "\t"))
	}
	for _, row := range t.Rows {
		cells := make([]string, 0, len(visible))
		for _, i := range visible {
			cell := "<none>"
			if i < len(row.Cells) && row.Cells[i] != nil {
				cell = fmt.Sprint(row.Cells[i])
			}
			if cell == "" {
				cell = "<none>"
			}
			cells = append(cells, cell)
		}
		fmt.Fprintln(w, strings.Join(cells, "\t"))
	}
	return w.Flush()
}

// HumanDuration returns a succinct representation of the provided duration
// with limited precision for consumption by humans.
func HumanDuration(d time.Duration) string {
	if seconds := int(d.Seconds()); seconds < -1 {
		return "<invalid>"
	} else if seconds < 0 {
		return "0s"
	} else if seconds < 60*2 {
		return fmt.Sprintf("%ds", seconds)
	}
	minutes := int(d / time.Minute)
	if minutes < 10 {
		s := int(d/time.Second) % 60
		if s == 0 {
			return fmt.Sprintf("%dm", minutes)
		}
		return fmt.Sprintf("%dm%ds", minutes, s)
	} else if minutes < 60*3 {
		return fmt.Sprintf("%dm", minutes)
	}
	hours := int(d / time.Hour)
	if hours < 8 {
		m := int(d/time.Minute) % 60
		if m == 0 {
			return fmt.Sprintf("%dh", hours)
		}
		return fmt.Sprintf("%dh%dm", hours, m)
	} else if hours < 48 {
		return fmt.Sprintf("%dh", hours)
	} else if hours < 24*8 {
		h := hours % 24
		if h == 0 {
			return fmt.Sprintf("%dd", hours/24)
		}
		return fmt.Sprintf("%dd%dh", hours/24, h)
	} else if hours < 24*365*2 {
		return fmt.Sprintf("%dd", hours/24)
	} else if hours < 24*365*8 {
		dy := int(hours/24) % 365
		if dy == 0 {
			return fmt.Sprintf("%dy", hours/24/365)
		}
		return fmt.Sprintf("%dy%dd", hours/24/365, dy)
	}
	return fmt.Sprintf("%dy", int(hours/24/365))
}

// TranslateTimestampSince returns the elapsed time since timestamp in
// human-readable approximation, or "<unknown>" for the zero time.
func TranslateTimestampSince(timestamp time.Time) string {
	if timestamp.IsZero() {
		return "<unknown>"
	}
	return HumanDuration(time.Since(timestamp))
}
