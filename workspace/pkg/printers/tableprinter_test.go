package printers

import (
	"bytes"
	"testing"
	"time"
)

func TestPrintTable(t *testing.T) {
	table := &Table{
		ColumnDefinitions: []TableColumnDefinition{{Name: "Name"}, {Name: "Status"}, {Name: "Node", Priority: 1}},
		Rows: []TableRow{
			{Cells: []interface{}{"web-0", "Running", "node-1"}},
			{Cells: []interface{}{"web-1", "", nil}},
		},
	}
	var buf bytes.Buffer
	if err := NewTablePrinter(PrintOptions{}).PrintTable(table, &buf); err != nil {
		t.Fatal(err)
	}
	want := "NAME      STATUS\nweb-0     Running\nweb-1     <none>\n"
	if buf.String() != want {
		t.Errorf("got\n%q\nwant\n%q", buf.String(), want)
	}
	buf.Reset()
	_ = NewTablePrinter(PrintOptions{Wide: true, NoHeaders: true}).PrintTable(table, &buf)
	if want := "web-0     Running   node-1\nweb-1     <none>    <none>\n"; buf.String() != want {
		t.Errorf("wide got\n%q\nwant\n%q", buf.String(), want)
	}
}

func TestHumanDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		30 * time.Second:                  "30s",
		5*time.Minute + 7*time.Second:     "5m7s",
		2*time.Hour + 30*time.Minute:      "150m",
		5*time.Hour + 10*time.Minute:      "5h10m",
		3 * 24 * time.Hour:                "3d",
		3*365*24*time.Hour + 24*time.Hour: "3y1d",
	} {
		if got := HumanDuration(d); got != want {
			t.Errorf("HumanDuration(%v) = %q, want %q", d, got, want)
		}
	}
}
