// Package geo is the geometry canvass computes with, on WGS84 longitude/latitude coordinates held in
// github.com/paulmach/orb types: checking that the shapes read from area files are valid, and the
// spatial work built on them. It does no storage and no input parsing: data reads the files, geo
// says whether what was read makes sense.
package geo
