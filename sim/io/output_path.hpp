#pragma once
// The path a result is written to, as the user gave it (`-o FILE`): what it may be, checked
// before any work is done and without creating anything, so that bad paths are bad input
// (exit 2) and leave nothing behind.
#include <filesystem>

namespace gigsim {

/// The file to write for the path the user gave: the path itself, or the file a symbolic link
/// at that path points to (the link stays; its target is replaced). Creates nothing. Throws
/// InputError for a path that cannot name a result file: empty; ending in '/' or naming a
/// directory; a link to nothing; an existing non-regular or read-only file; or a directory
/// that exists as something else, is not writable, or is on a virtual file system (/proc).
std::filesystem::path resolve_output_path(const std::filesystem::path& requested);

/// Creates the missing directories above `file`. Throws InputError naming the directory.
void create_output_directories(const std::filesystem::path& file);

}  // namespace gigsim
