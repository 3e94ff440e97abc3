#pragma once
// The query module in one include: query files, their syntax tree and checker, the
// translators to PubMed and Crossref, and the local evaluator.
#include "synth/query/ast.hpp"
#include "synth/query/detect.hpp"
#include "synth/query/evaluate.hpp"
#include "synth/query/findings.hpp"
#include "synth/query/parser.hpp"
#include "synth/query/query_file.hpp"
#include "synth/query/tags.hpp"
#include "synth/query/text_pattern.hpp"
#include "synth/query/translate.hpp"
