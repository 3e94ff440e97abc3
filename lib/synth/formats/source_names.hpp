#pragma once
// Database names as PRISMA shows them, from what exports say about a record's origin.
// Vendors name one database in many ways: Ovid adds the segment searched ("Ovid MEDLINE(R)
// <2019>", "Ovid MEDLINE(R) Epub Ahead of Print"), EBSCOhost writes its database codes
// ("psyh", "rzh"), SciELO its collection ("SciELO Brazil"). Left as they are, one search
// would show as twenty sources in the flow diagram.
#include <string>
#include <string_view>

namespace synth::formats {

// The database a DB/database field names: a trailing "<...>" segment is dropped, every
// Ovid MEDLINE segment becomes "Ovid MEDLINE(R)", EBSCOhost codes become names
// (psyh -> "APA PsycInfo", rzh/cin20/ccm/c8h -> "CINAHL", i3h -> "Criminal Justice
// Abstracts" ...), "SciELO <collection>" becomes "SciELO". Anything else is returned
// trimmed, as given. Characters that print as nothing (zero-width spaces, joiners, BOMs,
// soft hyphens: util::remove_invisible) are removed first and runs of space made one.
std::string database_name(std::string_view db);

// The database of an Ovid segment code, the D= of an Ovid link (ovidsp.ovid.com/...&D=emed19):
// med*/prem/pmnm*/mesx -> "Ovid MEDLINE(R)", emed*/emex* -> "Embase", psyc* -> "APA PsycInfo",
// cctr -> "EBM Reviews - Cochrane Central Register of Controlled Trials", coch -> "EBM
// Reviews - Cochrane Database of Systematic Reviews"; "" when unknown.
std::string ovid_database(std::string_view code);

// The database of a record from a link to it: an Ovid link (by its D= code),
// app.dimensions.ai -> "Dimensions", lens.org -> "Lens.org", scopus.com -> "Scopus",
// webofscience.com/isiknowledge.com -> "Web of Science"; "" when the link says nothing.
std::string database_from_url(std::string_view url);

} // namespace synth::formats
