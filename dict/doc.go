// Package dict owns Baosou's dictionaries as data, compiled into the
// binary: the news vocabulary and project user words for segmentation
// (WordLists), and China's administrative divisions and distinctive towns
// for region tagging (Regions, RegionTowns). The files sit beside this
// package; regions*.tsv are generated from ../shared/regions by
// internal/genregions. A change to the word lists or to the division names
// changes the analyzer version, so indexes built before it must be rebuilt;
// region tags are computed at ingest, so new tags need a re-ingest.
package dict
