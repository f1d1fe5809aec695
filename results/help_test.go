package results

import (
	"bytes"
	"flag"
	"os"
	"strings"
	"testing"
)

var regenReadme = flag.Bool("readme.regen", false, "rewrite README.md's field table from the registry")

const readmeBegin, readmeEnd = "<!-- fields:begin -->\n", "<!-- fields:end -->"

// TestReadmeFields: README.md's table of output fields is the registry's
// (FieldsMarkdown); -readme.regen rewrites it.
func TestReadmeFields(t *testing.T) {
	const path = "../README.md"
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	i, j := strings.Index(s, readmeBegin), strings.Index(s, readmeEnd)
	if i < 0 || j < i {
		t.Fatalf("README.md lacks the markers %q … %q", readmeBegin, readmeEnd)
	}
	got, want := s[i+len(readmeBegin):j], FieldsMarkdown()
	if got == want {
		return
	}
	if *regenReadme {
		if err := os.WriteFile(path, []byte(s[:i+len(readmeBegin)]+want+s[j:]), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("README.md's field table differs from the registry (go test ./results -run ReadmeFields -readme.regen rewrites it); want\n%s", want)
}

// TestFieldsHelp: help names every field with its unit and doc.
func TestFieldsHelp(t *testing.T) {
	var b bytes.Buffer
	if err := WriteFieldsHelp(&b); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(b.String(), "\n")
	for _, f := range Fields() {
		found := false
		for _, l := range lines {
			if strings.HasPrefix(l, f.Name+" ") && strings.Contains(l, " "+unitText(f.Unit)+" ") && strings.HasSuffix(l, f.Doc) {
				found = true
			}
		}
		if !found {
			t.Errorf("help lacks a line for %s", f.Name)
		}
	}
}
