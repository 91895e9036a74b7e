// Atomic replacement through a working copy; see working_copy.hpp.
#include "io/working_copy.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "core/errors.hpp"

namespace gigsim {
namespace {

namespace fs = std::filesystem;

std::string quoted(const fs::path& path) { return "'" + path.string() + "'"; }

/// Closes a file descriptor when it goes out of scope.
class Descriptor {
 public:
  explicit Descriptor(int descriptor) : descriptor_(descriptor) {}
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  ~Descriptor() {
    if (descriptor_ >= 0) ::close(descriptor_);
  }
  int get() const { return descriptor_; }
  /// Closes now and returns close's result (a network file system reports write errors here).
  int close() { return ::close(std::exchange(descriptor_, -1)); }

 private:
  int descriptor_;
};

[[noreturn]] void fail(const std::string& what, int error) {
  throw RuntimeFailure(what + ": " + std::strerror(error));
}

/// Copies `size` bytes with read and write, for file systems where copy_file_range does not
/// work (across mounts on older kernels, some network file systems).
void copy_with_read_write(int from, int to, off_t offset, off_t size, const std::string& what) {
  std::vector<char> buffer(1 << 20);
  while (offset < size) {
    const ssize_t got = pread(from, buffer.data(), buffer.size(), offset);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) fail(what, errno);
    if (got == 0) break;  // the file shrank while being copied; the copy ends where it did
    ssize_t put = 0;
    while (put < got) {
      const ssize_t written =
          pwrite(to, buffer.data() + put, static_cast<std::size_t>(got - put), offset + put);
      if (written < 0 && errno == EINTR) continue;
      if (written < 0) fail(what, errno);
      put += written;
    }
    offset += got;
  }
}

/// fsync of a directory, so that a rename in it reaches the disk.
void sync_directory(const fs::path& directory) {
  const Descriptor handle(open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (handle.get() < 0 || fsync(handle.get()) != 0) {
    fail("cannot flush directory " + quoted(directory) + " to disk", errno);
  }
}

}  // namespace

fs::path working_copy_path(const fs::path& file) {
  return file.parent_path() / ("." + file.filename().string() + ".tmp");
}

void copy_file_contents(const fs::path& from, const fs::path& to) {
  const std::string what = "cannot copy " + quoted(from) + " to " + quoted(to);
  Descriptor source(open(from.c_str(), O_RDONLY | O_CLOEXEC));
  if (source.get() < 0) fail(what, errno);
  struct stat info {};
  if (fstat(source.get(), &info) != 0) fail(what, errno);
  Descriptor copy(
      open(to.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, info.st_mode & 0777));
  if (copy.get() < 0) fail(what, errno);
  if (fchmod(copy.get(), info.st_mode & 0777) != 0) fail(what, errno);

  off_t copied = 0;
  while (copied < info.st_size) {
    const ssize_t moved = copy_file_range(source.get(), nullptr, copy.get(), nullptr,
                                          static_cast<std::size_t>(info.st_size - copied), 0);
    if (moved < 0 && errno == EINTR) continue;
    if (moved < 0 && copied == 0 &&
        (errno == EXDEV || errno == ENOSYS || errno == EINVAL || errno == EOPNOTSUPP)) {
      copy_with_read_write(source.get(), copy.get(), 0, info.st_size, what);
      break;
    }
    if (moved < 0) fail(what, errno);
    if (moved == 0) break;
    copied += moved;
  }
  if (copy.close() != 0) fail(what, errno);
}

void reserve_space_beyond_end(const fs::path& file, std::uintmax_t bytes) {
  const std::string what = "cannot reserve " + std::to_string(bytes / 1024) +
                           " KiB of disk space to write " + quoted(file);
  const Descriptor handle(open(file.c_str(), O_WRONLY | O_CLOEXEC));
  struct stat info {};
  if (handle.get() < 0 || fstat(handle.get(), &info) != 0) fail(what, errno);
  if (fallocate(handle.get(), FALLOC_FL_KEEP_SIZE, info.st_size, static_cast<off_t>(bytes)) != 0) {
    // Without allocation ahead (some network and FUSE file systems), writes go on unguarded.
    if (errno == EOPNOTSUPP || errno == ENOSYS) return;
    fail(what, errno);
  }
}

void release_space_beyond_end(const fs::path& file) {
  const Descriptor handle(open(file.c_str(), O_WRONLY | O_CLOEXEC));
  struct stat info {};
  // Truncating to the same size frees the blocks allocated past the end (ext4, xfs, tmpfs).
  if (handle.get() < 0 || fstat(handle.get(), &info) != 0 ||
      ftruncate(handle.get(), info.st_size) != 0) {
    fail("cannot release the space reserved beyond the end of " + quoted(file), errno);
  }
}

void replace_with_copy(const fs::path& copy, const fs::path& file, Durability durability) {
  if (durability == Durability::power_loss) {
    const Descriptor handle(open(copy.c_str(), O_RDONLY | O_CLOEXEC));
    if (handle.get() < 0 || fsync(handle.get()) != 0) {
      fail("cannot flush " + quoted(copy) + " to disk", errno);
    }
  }
  // Exchanging the two names, then removing the old file, is as atomic as renaming over it,
  // and cheaper on ext4: a rename over a file makes ext4 write the new file's data out at once
  // (its auto_da_alloc heuristic, about 4 ms a flush on the development machine). Where the
  // exchange is not supported (network file systems) or there is no file yet, a plain rename.
  if (renameat2(AT_FDCWD, copy.c_str(), AT_FDCWD, file.c_str(), RENAME_EXCHANGE) == 0) {
    ::unlink(copy.c_str());
  } else if (std::rename(copy.c_str(), file.c_str()) != 0) {
    fail("cannot rename " + quoted(copy) + " to " + quoted(file), errno);
  }
  if (durability == Durability::power_loss) {
    sync_directory(file.has_parent_path() ? file.parent_path() : fs::path("."));
  }
}

void discard_working_copy(const fs::path& copy) noexcept { ::unlink(copy.c_str()); }

}  // namespace gigsim
