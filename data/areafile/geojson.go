package areafile

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/campagne-fr/porteaporte/data/tabular"
	"github.com/campagne-fr/porteaporte/internal/i18n"
)

// utf8BOM is skipped at the start of a GeoJSON file: some Windows tools write one.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// geojsonReader walks the top-level object member by member with encoding/json's token API and
// decodes the elements of "features" one at a time: only one feature is in memory at once. The
// members may come in any order (RFC 7946 fixes none), so "type" may follow "features".
type geojsonReader struct {
	ctx     context.Context
	path    string
	name    string // base name, for messages
	file    *os.File
	counted *tabular.CountingReader
	skipped int64 // bytes of BOM before the decoder's stream
	dec     *json.Decoder
	size    int64

	started    bool   // the opening '{' was read
	inFeatures bool   // inside the "features" array
	sawArray   bool   // a "features" array was read
	topType    string // value of the top-level "type", once read
	single     map[string]json.RawMessage
	done       bool
	index      int
}

func openGeoJSON(ctx context.Context, path string) (*geojsonReader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	r := &geojsonReader{ctx: ctx, path: path, name: filepath.Base(path), file: f}
	if st, err := f.Stat(); err == nil {
		r.size = st.Size()
	}
	r.counted = tabular.NewCountingReader(ctx, f)
	br := bufio.NewReaderSize(r.counted, 64<<10)
	if head, _ := br.Peek(len(utf8BOM)); bytes.Equal(head, utf8BOM) {
		br.Discard(len(utf8BOM))
		r.skipped = int64(len(utf8BOM))
	}
	r.dec = json.NewDecoder(br)
	return r, nil
}

func (r *geojsonReader) Close() error { return r.file.Close() }

func (r *geojsonReader) Progress() (int64, int64) { return r.counted.Count(), r.size }

// Next implements Reader.
func (r *geojsonReader) Next() (Feature, error) {
	if r.done {
		return Feature{}, io.EOF
	}
	if !r.started {
		tok, err := r.dec.Token()
		if err != nil {
			return Feature{}, r.syntax(err, i18n.Msg("import.geojson.notjson"))
		}
		if d, ok := tok.(json.Delim); !ok || d != '{' {
			return Feature{}, r.fatal(r.dec.InputOffset()-1, i18n.Msg("import.geojson.notgeojson"))
		}
		r.started = true
	}
	for {
		if r.inFeatures {
			if r.dec.More() {
				return r.nextFeature()
			}
			if _, err := r.dec.Token(); err != nil { // the closing ']'
				return Feature{}, r.syntax(err, i18n.Msg("import.geojson.badjson"))
			}
			r.inFeatures = false
			continue
		}
		tok, err := r.dec.Token()
		if err != nil {
			return Feature{}, r.syntax(err, i18n.Msg("import.geojson.badjson"))
		}
		if d, ok := tok.(json.Delim); ok && d == '}' {
			return r.end()
		}
		key, _ := tok.(string) // the decoder only yields strings as object keys
		if err := r.member(key); err != nil {
			return Feature{}, err
		}
	}
}

// member reads the value of one top-level member.
func (r *geojsonReader) member(key string) error {
	at := r.dec.InputOffset()
	switch key {
	case "type":
		var t string
		if err := r.dec.Decode(&t); err != nil {
			return r.syntax(err, i18n.Msg("import.geojson.type.string"))
		}
		r.topType = t
		if t != "FeatureCollection" && t != "Feature" {
			return r.fatal(at, i18n.Msg("import.geojson.toptype", "Type", clip(t)))
		}
		if t != "FeatureCollection" && r.sawArray {
			return r.fatal(at, i18n.Msg("import.geojson.features.array", "Type", t))
		}
	case "features":
		if r.topType != "" && r.topType != "FeatureCollection" {
			return r.fatal(at, i18n.Msg("import.geojson.features.member", "Type", r.topType))
		}
		if r.sawArray {
			return r.fatal(at, i18n.Msg("import.geojson.features.two"))
		}
		tok, err := r.dec.Token()
		if err != nil {
			return r.syntax(err, i18n.Msg("import.geojson.badjson"))
		}
		if d, ok := tok.(json.Delim); !ok || d != '[' {
			return r.fatal(at, i18n.Msg("import.geojson.features.notarray"))
		}
		r.inFeatures, r.sawArray = true, true
	case "crs":
		var crs struct {
			Properties struct {
				Name string `json:"name"`
			} `json:"properties"`
		}
		if err := r.dec.Decode(&crs); err != nil {
			return r.syntax(err, i18n.Msg("import.geojson.crs.object"))
		}
		if !isWGS84(crs.Properties.Name) {
			return r.fatal(at, i18n.Msg("import.geojson.crs", "Name", clip(crs.Properties.Name)))
		}
	default:
		var raw json.RawMessage
		if err := r.dec.Decode(&raw); err != nil {
			return r.syntax(err, i18n.Msg("import.geojson.badjson"))
		}
		// A lone Feature's members; for a FeatureCollection these are foreign members, unused.
		if key == "geometry" || key == "properties" || key == "id" {
			if r.single == nil {
				r.single = map[string]json.RawMessage{}
			}
			r.single[key] = raw
		}
	}
	return nil
}

// end handles the closing '}' of the top-level object.
func (r *geojsonReader) end() (Feature, error) {
	r.done = true
	if _, err := r.dec.Token(); err != io.EOF {
		return Feature{}, r.fatal(r.syntaxOffset(), i18n.Msg("import.geojson.trailing"))
	}
	switch r.topType {
	case "FeatureCollection":
		if !r.sawArray {
			return Feature{}, r.fatal(-1, i18n.Msg("import.geojson.features.none"))
		}
		return Feature{}, io.EOF
	case "Feature":
		doc := map[string]json.RawMessage{"type": json.RawMessage(`"Feature"`)}
		for k, v := range r.single {
			doc[k] = v
		}
		raw, _ := json.Marshal(doc) // RawMessages already checked by the decoder
		r.index = 1
		return r.feature(raw)
	case "":
		if r.sawArray {
			return Feature{}, r.fatal(-1, i18n.Msg("import.geojson.notype.collection"))
		}
		return Feature{}, r.fatal(-1, i18n.Msg("import.geojson.notype"))
	}
	return Feature{}, io.EOF // other types were refused when read
}

// nextFeature decodes one element of the features array. Broken JSON is fatal (the rest of the
// file cannot be trusted); a well-formed element that is not a valid feature is only rejected.
func (r *geojsonReader) nextFeature() (Feature, error) {
	r.index++
	var raw json.RawMessage
	if err := r.dec.Decode(&raw); err != nil {
		return Feature{}, r.syntax(err, i18n.Msg("import.geojson.badjson.feature", "N", r.index))
	}
	return r.feature(raw)
}

func (r *geojsonReader) feature(raw []byte) (Feature, error) {
	f, field, reason := decodeFeature(raw)
	if reason.ID != "" {
		return Feature{}, &FeatureError{Index: r.index, Field: field, Reason: reason}
	}
	f.Index = r.index
	return f, nil
}

// isWGS84 says whether a GeoJSON 2008 "crs" name means lon/lat WGS84, as RFC 7946 requires.
func isWGS84(name string) bool {
	n := strings.ToUpper(name)
	return n == "" || strings.HasSuffix(n, "CRS84") || strings.HasSuffix(n, ":4326") || strings.HasSuffix(n, "::4326")
}

// syntax turns a decoder error into a FileError at the place it happened.
func (r *geojsonReader) syntax(err error, what i18n.Message) error {
	r.done = true
	var se *json.SyntaxError
	switch {
	case r.ctx.Err() != nil:
		return r.ctx.Err()
	case errors.As(err, &se):
		return r.fatal(r.syntaxOffset(), i18n.Msg("import.geojson.syntax", "What", what, "Err", se.Error()))
	case errors.Is(err, io.EOF) && !r.started:
		return r.fatal(-1, i18n.Msg("import.geojson.empty"))
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return r.fatal(r.size-r.skipped, i18n.Msg("import.geojson.truncated", "What", what))
	case errors.As(err, new(*json.UnmarshalTypeError)):
		return r.fatal(r.dec.InputOffset(), what)
	}
	return &FileError{File: r.name, Offset: -1, Reason: i18n.Msg("import.cause", "Err", err)}
}

// syntaxOffset places a syntax error in the stream. The decoder's own offsets cannot be trusted
// for that (they count the bytes of values decoded, not of delimiters read as tokens), but after
// a failure it has not moved past the start of the token or value it failed on. So the file is
// read again from there, by a fresh decoder for at most one megabyte, whose offset is exact.
func (r *geojsonReader) syntaxOffset() int64 {
	base := r.dec.InputOffset()
	f, err := os.Open(r.path)
	if err != nil {
		return base
	}
	defer f.Close()
	if _, err := f.Seek(base+r.skipped, io.SeekStart); err != nil {
		return base
	}
	var raw json.RawMessage
	var se *json.SyntaxError
	if err := json.NewDecoder(io.LimitReader(f, 1<<20)).Decode(&raw); errors.As(err, &se) && se.Offset > 0 {
		return base + se.Offset - 1
	}
	return base
}

// fatal builds a FileError at a byte offset of the decoder's stream (-1: not about one place).
func (r *geojsonReader) fatal(offset int64, reason i18n.Message) error {
	r.done = true
	e := &FileError{File: r.name, Offset: -1, Reason: reason}
	if offset >= 0 {
		e.Offset = offset + r.skipped
		e.Line = lineAt(r.path, e.Offset)
	}
	return e
}

// lineAt counts the lines up to offset by reading the file again: done only on the error path, so
// that reading good files costs nothing.
func lineAt(path string, offset int64) int {
	f, err := os.Open(path)
	if err != nil {
		return 0
	}
	defer f.Close()
	line := 1
	buf := make([]byte, 64<<10)
	for read := int64(0); read < offset; {
		n, err := f.Read(buf[:min(int64(len(buf)), offset-read)])
		line += bytes.Count(buf[:n], []byte{'\n'})
		read += int64(n)
		if err != nil {
			break
		}
	}
	return line
}

// clip bounds a value quoted from the file in a message.
func clip(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "..."
	}
	return s
}
