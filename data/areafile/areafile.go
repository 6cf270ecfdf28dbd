// Package areafile reads the area layers organizers hold — GeoJSON (RFC 7946) and GeoPackage files —
// one feature at a time, so that memory stays flat whatever the file size. It says what each
// feature holds and where it is in the file; whether its geometry makes sense is for package geo,
// and what to store is for the importer.
package areafile

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/paulmach/orb"
)

// Feature is one feature of an area file.
type Feature struct {
	Index      int            // 1-based position in the file (GeoJSON features array, GeoPackage rows)
	Properties map[string]any // JSON values, or SQLite column values for a GeoPackage
	Geometry   orb.Geometry   // nil when the feature has none
	ID         any            // a GeoJSON feature's "id" member (string or float64), nil if none
}

// Reader streams the features of one file.
type Reader interface {
	// Next returns the next feature, or io.EOF after the last. A *FeatureError means that one
	// feature could not be read and the reader can go on; any other error is fatal.
	Next() (Feature, error)
	// Progress says how far the reader got, in bytes of the file for GeoJSON and in rows for a
	// GeoPackage, and out of how many (0 when unknown).
	Progress() (done, total int64)
	// Close releases the file.
	Close() error
}

// FeatureError says why one feature was left out.
type FeatureError struct {
	Index  int    // 1-based feature number
	Field  string // the member or column at fault, if one is
	Reason string
}

func (e *FeatureError) Error() string {
	if e.Field == "" {
		return fmt.Sprintf("feature %d: %s", e.Index, e.Reason)
	}
	return fmt.Sprintf("feature %d, %q: %s", e.Index, e.Field, e.Reason)
}

// FileError is a problem that stops reading the file: not JSON, not GeoJSON, not a GeoPackage, a
// coordinate system other than WGS84 lon/lat...
type FileError struct {
	File   string // base name of the file
	Line   int    // 1-based line of a text file, 0 when unknown or not a text file
	Offset int64  // byte offset in a text file, -1 when not about one place
	Reason string
}

func (e *FileError) Error() string {
	switch {
	case e.Line > 0:
		return fmt.Sprintf("%s: line %d (byte %d): %s", e.File, e.Line, e.Offset, e.Reason)
	case e.Offset >= 0:
		return fmt.Sprintf("%s: byte %d: %s", e.File, e.Offset, e.Reason)
	default:
		return fmt.Sprintf("%s: %s", e.File, e.Reason)
	}
}

// sqliteMagic starts every SQLite file, hence every GeoPackage.
var sqliteMagic = []byte("SQLite format 3\x00")

// Open opens an area file, telling a GeoPackage from GeoJSON by its first bytes. table chooses the
// feature table of a GeoPackage that holds several; it is ignored when there is only one, and for
// GeoJSON.
func Open(path, table string) (Reader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	head := make([]byte, len(sqliteMagic))
	n, err := io.ReadFull(f, head)
	f.Close()
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return nil, &FileError{File: filepath.Base(path), Offset: -1, Reason: err.Error()}
	}
	if bytes.Equal(head[:n], sqliteMagic) {
		return openGeoPackage(path, table)
	}
	return openGeoJSON(path)
}
