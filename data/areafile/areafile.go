// Package areafile reads the area layers organizers hold — GeoJSON (RFC 7946) and GeoPackage files —
// one feature at a time, so that memory stays flat whatever the file size. It says what each
// feature holds and where it is in the file; whether its geometry makes sense is for package geo,
// and what to store is for the importer.
package areafile

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/paulmach/orb"

	"github.com/campagne-fr/porteaporte/data/tabular"
	"github.com/campagne-fr/porteaporte/internal/i18n"
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
	Reason i18n.Message
}

func (e *FeatureError) Error() string {
	if e.Field == "" {
		return fmt.Sprintf("feature %d: %s", e.Index, e.Reason.Error())
	}
	return fmt.Sprintf("feature %d, %q: %s", e.Index, e.Field, e.Reason.Error())
}

// FileError is a problem that stops reading the file: not JSON, not GeoJSON, not a GeoPackage, a
// coordinate system other than WGS84 lon/lat...
type FileError struct {
	File   string // base name of the file
	Line   int    // 1-based line of a text file, 0 when unknown or not a text file
	Offset int64  // byte offset in a text file, -1 when not about one place
	Reason i18n.Message
}

func (e *FileError) Error() string { return e.Unwrap().Error() }

// Unwrap is the whole error as a message, for Printer.Error to say it in the reader's language.
func (e *FileError) Unwrap() error {
	switch {
	case e.Line > 0:
		return i18n.Msg("import.area.file.line", "File", e.File, "Line", e.Line, "Byte", e.Offset, "Reason", e.Reason)
	case e.Offset >= 0:
		return i18n.Msg("import.area.file.byte", "File", e.File, "Byte", e.Offset, "Reason", e.Reason)
	default:
		return i18n.Msg("import.input.file", "File", e.File, "Reason", e.Reason)
	}
}

// sqliteMagic starts every SQLite file, hence every GeoPackage.
var sqliteMagic = []byte("SQLite format 3\x00")

// Open opens an area file, telling a GeoPackage from GeoJSON by its first bytes. table chooses the
// feature table of a GeoPackage that holds several; it is ignored when there is only one, and for
// GeoJSON. Reading stops with ctx's error once ctx is done, even inside one long SQLite query.
// A file that is neither says what it is when that is known (UTF-16 text, binary data, a file
// named .gpkg that is not SQLite) and what to do.
func Open(ctx context.Context, path, table string) (Reader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	head := make([]byte, 512)
	n, err := io.ReadFull(f, head)
	f.Close()
	name := filepath.Base(path)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return nil, &FileError{File: name, Offset: -1, Reason: i18n.Msg("import.cause", "Err", err)}
	}
	head = head[:n]
	if bytes.HasPrefix(head, sqliteMagic) {
		return openGeoPackage(ctx, path, table)
	}
	if reason := notGeoJSON(head, strings.EqualFold(filepath.Ext(path), ".gpkg")); reason.ID != "" {
		return nil, &FileError{File: name, Offset: -1, Reason: reason}
	}
	return openGeoJSON(ctx, path)
}

// notGeoJSON says why a file that is not an SQLite file cannot be GeoJSON either, from its first
// bytes and whether it is named .gpkg; nothing (no ID) when it may be GeoJSON (the reader then
// checks).
func notGeoJSON(head []byte, gpkg bool) i18n.Message {
	switch {
	case tabular.UTF16(head):
		return i18n.Msg("import.area.utf16")
	case gpkg:
		return i18n.Msg("import.area.notgpkg")
	case bytes.IndexByte(head, 0) >= 0:
		return i18n.Msg("import.area.binary")
	}
	return i18n.Message{}
}
