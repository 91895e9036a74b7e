#pragma once
// What an experiment reads back from the result files it finds (resume): whether a file holds a
// complete run, and of which scenario, so that a file left by another experiment in the same
// place is never taken for this one's.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace gigsim {

/// 64-bit FNV-1a hash of a text (the same on every platform).
std::uint64_t text_fingerprint(std::string_view text);

struct FoundRun {
  bool complete = false;             // a gigsim result file with status "complete"
  std::uint64_t scenario_print = 0;  // text_fingerprint of its "scenario" attribute
};

/// Reads `path` if it exists; never throws (an unreadable file is not complete).
FoundRun inspect_result_file(const std::filesystem::path& path);

}  // namespace gigsim
