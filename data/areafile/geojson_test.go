package areafile

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

func write(t testing.TB, name, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// readAll reads every feature, keeping feature errors apart; it stops at the first fatal error.
func readAll(t testing.TB, path string) (features []Feature, rejected []*FeatureError, fatal error) {
	t.Helper()
	r, err := Open(context.Background(), path, "")
	if err != nil {
		return nil, nil, err
	}
	defer r.Close()
	for {
		f, err := r.Next()
		var fe *FeatureError
		switch {
		case err == io.EOF:
			return features, rejected, nil
		case errors.As(err, &fe):
			rejected = append(rejected, fe)
		case err != nil:
			return features, rejected, err
		default:
			features = append(features, f)
		}
	}
}

func TestGeoJSONMembersInAnyOrder(t *testing.T) {
	// "features" before "type", foreign members around, a BOM, a 3D position, CRLF.
	body := "\ufeff{\"name\":\"test\",\"bbox\":[0,0,1,1],\r\n\"features\":[\r\n" +
		`{"geometry":{"coordinates":[[0,0,5],[1,0,5],[1,1,5],[0,0,5]],"type":"LineString"},"type":"Feature","properties":{"a":1}},` + "\r\n" +
		`{"type":"Feature","properties":null,"geometry":{"type":"Point","coordinates":[2,3]}}` +
		"\r\n],\"type\":\"FeatureCollection\"}\r\n"
	features, rejected, err := readAll(t, write(t, "x.geojson", body))
	if err != nil || len(rejected) > 0 {
		t.Fatalf("fatal %v, rejected %v", err, rejected)
	}
	want := []Feature{
		{Index: 1, Properties: map[string]any{"a": float64(1)}, Geometry: orb.LineString{{0, 0}, {1, 0}, {1, 1}, {0, 0}}},
		{Index: 2, Geometry: orb.Point{2, 3}},
	}
	if !reflect.DeepEqual(features, want) {
		t.Errorf("got %#v\nwant %#v", features, want)
	}
}

func TestGeoJSONFeatureErrors(t *testing.T) {
	body := `{"type":"FeatureCollection","features":[
		{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[["a",1]]]}},
		{"type":"Feature","properties":[1],"geometry":null},
		{"type":"Feature","geometry":{"type":"GeometryCollection","geometries":[]}},
		{"type":"Feature","geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],7]}},
		{"type":"Feature","geometry":{"type":"Polygon"}},
		{"type":"Feature","geometry":{"coordinates":[1,2]}},
		{"type":"Feature","geometry":{"type":"MultiLineString","coordinates":[[[0,0],[1,1]],[[0,0],{}]]}},
		"Feature",
		{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]}}
	]}`
	features, rejected, err := readAll(t, write(t, "x.geojson", body))
	if err != nil {
		t.Fatal(err)
	}
	if len(features) != 1 || features[0].Index != 9 {
		t.Errorf("features: %v", features)
	}
	want := []struct {
		index        int
		field, inMsg string
	}{
		{1, "geometry", "Polygon coordinates: ring 1: position 1: expected numbers"},
		{2, "properties", "JSON object or null"},
		{3, "geometry", "GeometryCollection is not supported"},
		{4, "geometry", "polygon 2: expected an array of rings"},
		{5, "geometry", `Polygon without "coordinates"`},
		{6, "geometry", `no "type"`},
		{7, "geometry", "line 2: position 2"},
		{8, "", "expected a JSON object"},
	}
	if len(rejected) != len(want) {
		t.Fatalf("rejected: %v", rejected)
	}
	for i, w := range want {
		e := rejected[i]
		if e.Index != w.index || e.Field != w.field || !strings.Contains(e.Error(), w.inMsg) {
			t.Errorf("rejection %d: %v (field %q), want feature %d, field %q, %q", i, e, e.Field, w.index, w.field, w.inMsg)
		}
	}
}

func TestGeoJSONFatalErrorsSayWhere(t *testing.T) {
	cases := []struct {
		name, body string
		line       int
		offset     int64
		in         string
	}{
		{"bad value on line 3", "{\"type\":\"FeatureCollection\",\n\"features\":[\n{\"type\":\"Feature\",\"geometry\":nul}]}", 3, 74, "bad JSON in feature 1"},
		{"missing comma between members", "{\"type\":\"FeatureCollection\"\n\"features\":[]}", 2, 28, "invalid character"},
		{"not JSON", "\n\nhello", 3, 2, "not JSON"},
		{"a CSV file", "a;b\n", 1, 0, "not JSON"},
		{"wrong type after features", `{"features":[],"type":"Feature"}`, 1, 21, "expected a FeatureCollection"},
		{"features in a Feature", `{"type":"Feature","features":[]}`, 1, 28, "expected a FeatureCollection"},
		{"type not a string", `{"type":7}`, 1, 9, `"type" must be a string`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := readAll(t, write(t, "in.geojson", c.body))
			var fe *FileError
			if !errors.As(err, &fe) {
				t.Fatalf("got %v, want a *FileError", err)
			}
			if fe.File != "in.geojson" || fe.Line != c.line || fe.Offset != c.offset || !strings.Contains(fe.Reason.Error(), c.in) {
				t.Errorf("got %v (line %d, offset %d), want line %d, offset %d, %q", err, fe.Line, fe.Offset, c.line, c.offset, c.in)
			}
		})
	}
}

func TestGeoJSONProgress(t *testing.T) {
	body := `{"type":"FeatureCollection","features":[` + strings.Repeat(`{"type":"Feature","geometry":null},`, 5000) +
		`{"type":"Feature","geometry":null}]}`
	r, err := Open(context.Background(), write(t, "big.geojson", body), "")
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var last int64
	for {
		_, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		done, total := r.Progress()
		if done < last || total != int64(len(body)) || done > total {
			t.Fatalf("progress %d of %d after %d", done, total, last)
		}
		last = done
	}
	if last < int64(len(body))/2 {
		t.Errorf("progress stopped at %d of %d", last, len(body))
	}
}
