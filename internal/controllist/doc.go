// Package controllist is the catalogue of controlled dual-use items: the EU
// Annex I list of Regulation (EU) 2021/821, Norway's List II (the same
// Wassenaar-based numbering) and national control lists under Art. 9, each as
// a versioned List of Entries arranged in a tree by category, product group
// and sub-item.
//
// It provides:
//
//   - loaders: LoadAnnexI (the third-party JSON parse of the consolidated
//     Annex I, with its known parse faults repaired and reported in
//     List.Repairs), LoadNorwayListII and LoadNational;
//   - navigation: List.Entry, Children, Parents, Tree;
//   - Diff between two versions of a list, with a text diff per changed entry,
//     and ReclassificationTasks derived from it;
//   - classification search: NewIndex(list).Search(query) ranks entries for a
//     product description with stemming, synonyms and the list's defined
//     terms; a code such as "5A001.j" goes straight to its entry;
//   - plain domain types for the product registry (Product, Classification,
//     Art220Assessment, ReclassificationTask) with Validate methods.
//
// The package does no I/O beyond reading list files and knows nothing of SQL
// or HTTP.
package controllist
