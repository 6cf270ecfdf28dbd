package data

// AreaOptions says how to read an area layer.
type AreaOptions struct {
	Level     string // constituency, neighborhood or street
	Layer     string // the layer's name; default: the file's base name without extension
	IDField   string // property holding the area's code; default: guessed from common names
	NameField string // property holding the area's name; default: guessed, else the code
}

// ResultOptions says how to read an election-results file.
type ResultOptions struct {
	Election string // label of the election; default: the file's base name without extension
}
