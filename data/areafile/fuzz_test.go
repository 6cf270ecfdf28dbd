package areafile

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// FuzzGeoJSON feeds arbitrary bytes to the GeoJSON reader: it must never panic nor loop, and every
// error must be either a feature error (reading goes on) or a fatal FileError naming the file.
func FuzzGeoJSON(f *testing.F) {
	for _, seed := range []string{
		`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"1"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}]}`,
		`{"type":"Feature","properties":{"c":1},"geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]]]}}`,
		`{"features":[{"type":"Feature","geometry":{"type":"MultiLineString","coordinates":[[[0,0],[1,1]]]}}],"type":"FeatureCollection"}`,
		`{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:2154"}},"features":[]}`,
		`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[1]}},7,null]}`,
		"\ufeff{\"type\":\"FeatureCollection\",\"features\":[]}",
		`{"type":"FeatureCollection","features":[`,
		`[]`, ``, `{}`, `{"type":`, `{"features":{}}`,
	} {
		f.Add([]byte(seed))
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, "fuzz.geojson")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		r, err := openGeoJSON(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		// Each call reads at least one byte or ends the stream, so more calls than bytes is a loop.
		for calls := 0; ; calls++ {
			if calls > len(data)+2 {
				t.Fatalf("%d calls to Next on %d bytes: reader loops", calls, len(data))
			}
			feat, err := r.Next()
			var fe *FeatureError
			var fatal *FileError
			switch {
			case err == io.EOF:
				return
			case errors.As(err, &fe):
				if fe.Index < 1 {
					t.Fatalf("feature error without an index: %v", fe)
				}
			case errors.As(err, &fatal):
				if fatal.File != "fuzz.geojson" || fatal.Offset > int64(len(data)) {
					t.Fatalf("fatal error %v (offset %d of %d)", fatal, fatal.Offset, len(data))
				}
				if _, err := r.Next(); err != io.EOF {
					t.Fatalf("reader went on after a fatal error: %v", err)
				}
				return
			case err != nil:
				t.Fatalf("error of type %T: %v", err, err)
			default:
				if feat.Index < 1 {
					t.Fatalf("feature without an index: %+v", feat)
				}
			}
		}
	})
}

// FuzzGPB feeds arbitrary blobs to the GeoPackageBinary decoder: errors are fine, panics are not.
func FuzzGPB(f *testing.F) {
	f.Add([]byte("GP\x00\x01\xe6\x10\x00\x00\x01\x03\x00\x00\x00\x01\x00\x00\x00\x04\x00\x00\x00"))
	f.Add([]byte("GP\x00\x03\xe6\x10\x00\x00"))
	f.Add([]byte("GP\x00\x11\xe6\x10\x00\x00"))
	f.Fuzz(func(t *testing.T, b []byte) {
		g, _, err := decodeGPB(b)
		if err != nil && g != nil {
			t.Fatalf("a geometry and an error: %v %v", g, err)
		}
	})
}
