// Package tsplib reads the TSPLIB instances used to measure the route optimizer: coordinates of
// EUC_2D problems and their tour lengths under TSPLIB's rounding.
package tsplib

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
)

// Instance is one EUC_2D problem.
type Instance struct {
	Name   string
	Points []orb.Point
}

// Load reads a TSPLIB file with EDGE_WEIGHT_TYPE EUC_2D and a NODE_COORD_SECTION of nodes
// numbered 1..DIMENSION.
func Load(path string) (*Instance, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	inst := &Instance{}
	dim := -1
	inCoords := false
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" {
			continue
		}
		if text == "EOF" {
			break
		}
		if !inCoords {
			key, value, _ := strings.Cut(text, ":")
			key, value = strings.TrimSpace(key), strings.TrimSpace(value)
			switch key {
			case "NAME":
				inst.Name = value
			case "DIMENSION":
				if dim, err = strconv.Atoi(value); err != nil || dim < 1 {
					return nil, fmt.Errorf("%s line %d: DIMENSION: want a positive integer", path, line)
				}
			case "EDGE_WEIGHT_TYPE":
				if value != "EUC_2D" {
					return nil, fmt.Errorf("%s line %d: EDGE_WEIGHT_TYPE is %q, only EUC_2D is supported", path, line, value)
				}
			case "NODE_COORD_SECTION":
				if dim < 0 {
					return nil, fmt.Errorf("%s line %d: NODE_COORD_SECTION before DIMENSION", path, line)
				}
				inst.Points = make([]orb.Point, dim)
				inCoords = true
			}
			continue
		}
		fields := strings.Fields(text)
		if len(fields) != 3 {
			return nil, fmt.Errorf("%s line %d: want \"id x y\", got %d fields", path, line, len(fields))
		}
		id, err := strconv.Atoi(fields[0])
		if err != nil || id < 1 || id > dim {
			return nil, fmt.Errorf("%s line %d: node id: want an integer in 1..%d", path, line, dim)
		}
		x, errX := strconv.ParseFloat(fields[1], 64)
		y, errY := strconv.ParseFloat(fields[2], 64)
		if errX != nil || errY != nil {
			return nil, fmt.Errorf("%s line %d: coordinates: want two numbers", path, line)
		}
		inst.Points[id-1] = orb.Point{x, y}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if !inCoords {
		return nil, fmt.Errorf("%s: no NODE_COORD_SECTION", path)
	}
	return inst, nil
}

// Dist is TSPLIB's EUC_2D distance: the Euclidean distance rounded to the nearest integer.
func (in *Instance) Dist(i, j int) int {
	a, b := in.Points[i], in.Points[j]
	return int(math.Floor(math.Hypot(a.X()-b.X(), a.Y()-b.Y()) + 0.5))
}

// Length is the length of the closed tour visiting order, in TSPLIB's integer metric.
func (in *Instance) Length(order []int) int {
	total := 0
	for i := range order {
		total += in.Dist(order[i], order[(i+1)%len(order)])
	}
	return total
}
