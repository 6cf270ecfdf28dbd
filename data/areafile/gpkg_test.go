package areafile

import (
	"encoding/binary"
	"math"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"
)

// gpb builds a GeoPackageBinary blob by hand: header fields in order, envelope doubles, WKB.
func gpb(t *testing.T, version, flags byte, srs int32, order binary.ByteOrder, envelope []float64, g orb.Geometry) []byte {
	t.Helper()
	b := []byte{'G', 'P', version, flags, 0, 0, 0, 0}
	order.PutUint32(b[4:], uint32(srs))
	for _, v := range envelope {
		var x [8]byte
		order.PutUint64(x[:], math.Float64bits(v))
		b = append(b, x[:]...)
	}
	if g != nil {
		w, err := wkb.Marshal(g, order)
		if err != nil {
			t.Fatal(err)
		}
		b = append(b, w...)
	}
	return b
}

func TestDecodeGPB(t *testing.T) {
	// +--+
	// |  |
	// +--+
	square := orb.Polygon{{{2.3, 48.8}, {2.4, 48.8}, {2.4, 48.9}, {2.3, 48.9}, {2.3, 48.8}}}
	le, be := binary.LittleEndian, binary.BigEndian
	cases := []struct {
		name string
		blob []byte
		want orb.Geometry
		srs  int64
		err  string
	}{
		{"little endian, no envelope", gpb(t, 0, 0x01, 4326, le, nil, square), square, 4326, ""},
		{"big endian, no envelope", gpb(t, 0, 0x00, 4326, be, nil, square), square, 4326, ""},
		{"xy envelope", gpb(t, 0, 0x01|1<<1, 4326, le, []float64{2.3, 2.4, 48.8, 48.9}, square), square, 4326, ""},
		{"xyz envelope", gpb(t, 0, 0x01|2<<1, 4326, le, []float64{2.3, 2.4, 48.8, 48.9, 0, 0}, square), square, 4326, ""},
		{"xym envelope", gpb(t, 0, 0x01|3<<1, 4326, le, []float64{2.3, 2.4, 48.8, 48.9, 0, 0}, square), square, 4326, ""},
		{"xyzm envelope, big endian header", gpb(t, 0, 4<<1, 4326, be, []float64{2.3, 2.4, 48.8, 48.9, 0, 0, 0, 0}, square), square, 4326, ""},
		{"other srs", gpb(t, 0, 0x01, 2154, le, nil, square), square, 2154, ""},
		{"empty flag", gpb(t, 0, 0x01|0x10, 4326, le, nil, nil), nil, 4326, ""},
		{"empty point as NaN", gpb(t, 0, 0x01, 4326, le, nil, orb.Point{math.NaN(), math.NaN()}), nil, 4326, ""},
		{"line", gpb(t, 0, 0x01, 4326, le, nil, orb.LineString{{1, 2}, {3, 4}}), orb.LineString{{1, 2}, {3, 4}}, 4326, ""},
		{"no magic", []byte("XP\x00\x01\xe6\x10\x00\x00"), nil, 0, `no "GP" header`},
		{"too short", []byte("GP\x00"), nil, 0, `no "GP" header`},
		{"version 2", gpb(t, 1, 0x01, 4326, le, nil, square), nil, 0, "version 2; version 1 expected"},
		{"extended", gpb(t, 0, 0x21, 4326, le, nil, square), nil, 0, "extended"},
		{"bad envelope kind", gpb(t, 0, 0x01|5<<1, 4326, le, nil, square), nil, 0, "envelope indicator 5"},
		{"envelope cut", gpb(t, 0, 0x01|1<<1, 4326, le, []float64{1, 2}, nil), nil, 0, "cut short"},
		{"bad WKB", append(gpb(t, 0, 0x01, 4326, le, nil, nil), 1, 3, 0, 0), nil, 0, "unreadable WKB"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g, srs, err := decodeGPB(c.blob)
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("got %v, want an error saying %q", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if srs != c.srs {
				t.Errorf("srs %d, want %d", srs, c.srs)
			}
			if (g == nil) != (c.want == nil) || (g != nil && !orb.Equal(g, c.want)) {
				t.Errorf("got %v, want %v", g, c.want)
			}
		})
	}
}
