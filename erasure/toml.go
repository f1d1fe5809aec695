package erasure

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/BurntSushi/toml"
)

// DecodeTOML decodes data into v strictly: keys that v did not take are an
// error naming them, unless skip (when not nil) says they are checked
// elsewhere. Errors are one line: a syntax error names its line, and the
// raw input the parser quotes (newlines included) is folded into spaces.
func DecodeTOML(data []byte, v any, skip func(toml.Key) bool) error {
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(v)
	if err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			return fmt.Errorf("line %d: %s", perr.Position.Line, oneLine(perr.Message))
		}
		return errors.New(oneLine(err.Error()))
	}
	var keys []string
	for _, k := range md.Undecoded() {
		if skip == nil || !skip(k) {
			keys = append(keys, k.String())
		}
	}
	if len(keys) > 0 {
		return fmt.Errorf("unknown key %s", strings.Join(keys, ", "))
	}
	return nil
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// studyMapKey reports keys inside [potential] and [protocol]: those tables
// are decoded into maps and checked key by key in Config.Study, and the
// decoder lists their nested keyframes as undecoded.
// StudyMapKey reports whether a key undecoded into Config is a potential or
// protocol parameter (decoded generically by Config.Study), for callers of
// DecodeTOML that embed Config.
func StudyMapKey(k toml.Key) bool { return studyMapKey(k) }

func studyMapKey(k toml.Key) bool {
	return len(k) > 1 && (k[0] == "potential" || k[0] == "protocol")
}
