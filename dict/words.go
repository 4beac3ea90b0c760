package dict

import _ "embed" // for the word lists

//go:embed news.txt
var newsTxt []byte

//go:embed user.txt
var userTxt []byte

// NamedFile is one embedded data file: a name for messages and its bytes.
type NamedFile struct {
	Name string
	Data []byte
}

// WordLists returns the word dictionaries for segment.New in precedence
// order: the user dictionary first, then the news vocabulary (the
// segmenter keeps the first entry of a word). Each is in gse text format,
// "word [frequency [pos]]" per line with # comments. The bytes are fresh
// copies; callers may keep or modify them.
func WordLists() []NamedFile {
	return []NamedFile{
		{Name: "dict/user.txt", Data: append([]byte(nil), userTxt...)},
		{Name: "dict/news.txt", Data: append([]byte(nil), newsTxt...)},
	}
}
