#pragma once
// Exactly one writer per output path. A run holds an exclusive lock (flock) on a small file
// beside its output, `.NAME.lock`, from before it looks at the output until it has finished
// with it; a second run on the same path fails at once, naming the process that holds it, and
// never touches the output. The kernel drops the lock when its holder dies, even by kill -9,
// so a lock file left behind by a killed run blocks nothing.
//
// The lock file also holds a reserve of disk space (kReserveBytes, allocated when the lock is
// taken): when the disk fills up during a run, releasing it leaves room to record in the result
// file that the run failed.
#include <filesystem>
#include <string>

namespace gigsim {

class OutputLock {
 public:
  /// Space reserved in the lock file: far more than recording a failure takes (a few KiB).
  static constexpr long kReserveBytes = 256 * 1024;

  /// The lock file for `output`: `.NAME.lock` in the same directory.
  static std::filesystem::path lock_path(const std::filesystem::path& output);

  /// Takes the lock for `output`, whose directory must exist. Throws InputError when another
  /// process holds it or the directory cannot hold files, RuntimeFailure when there is no space
  /// for the reserve (nothing is left behind in either case).
  explicit OutputLock(const std::filesystem::path& output);
  OutputLock(OutputLock&& other) noexcept;
  OutputLock(const OutputLock&) = delete;
  OutputLock& operator=(const OutputLock&) = delete;
  OutputLock& operator=(OutputLock&&) = delete;
  /// Releases the lock (see release()).
  ~OutputLock();

  /// Gives the reserved space back to the file system.
  void release_reserve();

  /// Removes the lock file, then drops the lock (in that order, so that a process waiting on
  /// the removed file notices and starts over on a new one). Idempotent.
  void release();

  bool held() const { return descriptor_ >= 0; }

 private:
  std::filesystem::path lock_path_;
  int descriptor_ = -1;
};

}  // namespace gigsim
