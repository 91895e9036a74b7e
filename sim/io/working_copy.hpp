#pragma once
// Updates that a crash can never leave half done. A result file is never changed in place: an
// update copies it to a private working copy beside it (`.NAME.tmp`), changes the copy, and
// renames the copy over the file. rename(2) replaces a name atomically, so at every moment the
// file is either its previous version or the new one, whatever happens in between (kill -9, a
// full disk, an I/O error), and a reader who has the previous version open keeps reading it.
// The price is one copy of the file per update, made inside the kernel (copy_file_range).
#include <cstdint>
#include <filesystem>

namespace gigsim {

/// The working copy for `file`: `.NAME.tmp` in the same directory (a rename is atomic only
/// within one file system). Only the holder of the file's OutputLock uses it.
std::filesystem::path working_copy_path(const std::filesystem::path& file);

/// Copies `from` into `to` (created or truncated, with `from`'s permission bits). Throws
/// RuntimeFailure naming both files and the system's reason (e.g. no space left on device).
void copy_file_contents(const std::filesystem::path& from, const std::filesystem::path& to);

/// Allocates `bytes` of disk space beyond the end of `file` without changing its size
/// (fallocate, FALLOC_FL_KEEP_SIZE), so that writes growing the file into that space cannot
/// fail for want of space: a full disk shows up here, before HDF5 writes anything. Throws
/// RuntimeFailure when there is no such space; does nothing on a file system that cannot
/// allocate ahead. `file` must exist.
void reserve_space_beyond_end(const std::filesystem::path& file, std::uintmax_t bytes);

/// Gives back the space reserved beyond the end of `file` and not used.
void release_space_beyond_end(const std::filesystem::path& file);

/// What a replacement must survive. Every replacement survives the process dying; with
/// power_loss the copy is also flushed to the disk before the rename and the directory after
/// it (fsync), so that a power failure leaves the previous or the new file, not an empty one.
enum class Durability { process_crash, power_loss };

/// Renames `copy` over `file`. Throws RuntimeFailure (the copy is then still there).
void replace_with_copy(const std::filesystem::path& copy, const std::filesystem::path& file,
                       Durability durability);

/// Removes a working copy that will not be used, ignoring errors (it may not exist).
void discard_working_copy(const std::filesystem::path& copy) noexcept;

}  // namespace gigsim
