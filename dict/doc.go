// Package dict owns Baosou's dictionaries as data, compiled into the
// binary: the news vocabulary and project user words for segmentation
// (WordLists), and China's administrative divisions and distinctive towns
// for region tagging (Regions, RegionTowns). The files sit beside this
// package; regions*.tsv are generated from ../shared/regions by
// internal/genregions. A change to any of them changes the analyzer
// version, and indexes built before it must be rebuilt.
package dict
