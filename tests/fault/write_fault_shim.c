/* A preloadable library (LD_PRELOAD) that makes file writes fail the way a full or failing disk
 * does, for the fault tests, without root or a real small file system.
 *
 * It watches the files under one directory and leaves every other file alone:
 *   GIGSIM_FAULT_DIR=DIR              the directory (required; compared by real path)
 *   GIGSIM_FAULT_SPACE_BYTES=N        a disk with N bytes free when the process starts: a write,
 *                                     fallocate or copy that grows a file past the space left
 *                                     fails with ENOSPC; removing, truncating or renaming over a
 *                                     file gives its space back, as on a real file system.
 *   GIGSIM_FAULT_EIO_COPIES=K         the first K copy_file_range calls into a watched file
 *                                     fail with EIO (a transient I/O error while a file is
 *                                     copied), later ones work.
 *   GIGSIM_FAULT_EIO_WRITES_AFTER_COPIES=K   once K copies into watched files have been made,
 *                                     every write (write, pwrite) into a watched file fails with
 *                                     EIO: a disk gone bad under a running program, as HDF5
 *                                     sees it (copies and allocations still work).
 * Space is counted per file as its highest written end (files that existed before count their
 * size then), which is how much a real file system would have allocated for a file written
 * front to back; holes are not modelled.
 *
 * Intercepted: write, pwrite, pwrite64, copy_file_range, fallocate, posix_fallocate, ftruncate,
 * ftruncate64, unlink, unlinkat, rename, renameat. Writes through stdio reach write only via
 * glibc's internal calls, so they are not seen (neither gigsim nor HDF5 writes results that way).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#define MAX_FILES 256

struct watched_file {
  dev_t device;
  ino_t inode;
  long long counted_bytes; /* highest written end: the space the file holds */
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int configured = 0;
static char watched_dir[PATH_MAX];
static size_t watched_dir_length = 0;
static long long space_left = -1; /* -1: unlimited */
static long long eio_copies_left = 0;
static long long copies_before_bad_disk = -1; /* -1: the disk never goes bad */
static struct watched_file files[MAX_FILES];
static int file_count = 0;

static long long env_number(const char* name, long long fallback) {
  const char* text = getenv(name);
  return text != NULL && *text != '\0' ? atoll(text) : fallback;
}

static void configure(void) {
  if (configured) return;
  configured = 1;
  const char* dir = getenv("GIGSIM_FAULT_DIR");
  if (dir == NULL || realpath(dir, watched_dir) == NULL) {
    watched_dir[0] = '\0';
    return;
  }
  watched_dir_length = strlen(watched_dir);
  space_left = env_number("GIGSIM_FAULT_SPACE_BYTES", -1);
  eio_copies_left = env_number("GIGSIM_FAULT_EIO_COPIES", 0);
  copies_before_bad_disk = env_number("GIGSIM_FAULT_EIO_WRITES_AFTER_COPIES", -1);
}

static int in_watched_dir(const char* path) {
  return watched_dir_length > 0 && strncmp(path, watched_dir, watched_dir_length) == 0 &&
         (path[watched_dir_length] == '/' || path[watched_dir_length] == '\0');
}

static int fd_is_watched(int fd) {
  char link[64];
  char target[PATH_MAX];
  snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
  const ssize_t length = readlink(link, target, sizeof target - 1);
  if (length <= 0) return 0;
  target[length] = '\0';
  return in_watched_dir(target);
}

/* The entry of an open, watched file; created with its current size on first sight. */
static struct watched_file* entry_for_fd(int fd) {
  struct stat info;
  if (!fd_is_watched(fd) || fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) return NULL;
  for (int i = 0; i < file_count; ++i) {
    if (files[i].device == info.st_dev && files[i].inode == info.st_ino) return &files[i];
  }
  if (file_count == MAX_FILES) return NULL;
  files[file_count] = (struct watched_file){info.st_dev, info.st_ino, (long long)info.st_size};
  return &files[file_count++];
}

/* Gives back the space of the file at `path` (about to be removed or replaced). */
static void release_path(int dirfd, const char* path) {
  struct stat info;
  if (fstatat(dirfd, path, &info, AT_SYMLINK_NOFOLLOW) != 0) return;
  for (int i = 0; i < file_count; ++i) {
    if (files[i].device == info.st_dev && files[i].inode == info.st_ino) {
      if (space_left >= 0) space_left += files[i].counted_bytes;
      files[i] = files[--file_count];
      return;
    }
  }
}

enum write_kind { PLAIN_WRITE, COPY, ALLOCATION };

/* Decides whether a write that ends at `end` may go ahead; 0 or an errno. */
static int admit_write(int fd, long long end, enum write_kind kind) {
  const int is_copy = kind == COPY;
  configure();
  struct watched_file* file = entry_for_fd(fd);
  if (file == NULL) return 0;
  if (is_copy && eio_copies_left > 0) {
    --eio_copies_left;
    return EIO;
  }
  if (copies_before_bad_disk == 0 && kind == PLAIN_WRITE) return EIO;
  if (is_copy && copies_before_bad_disk > 0) --copies_before_bad_disk;
  const long long growth = end > file->counted_bytes ? end - file->counted_bytes : 0;
  if (space_left >= 0 && growth > space_left) return ENOSPC;
  if (space_left >= 0) space_left -= growth;
  file->counted_bytes += growth;
  return 0;
}

#define REAL(name) ((__typeof__(&name))dlsym(RTLD_NEXT, #name))

ssize_t write(int fd, const void* buffer, size_t count) {
  pthread_mutex_lock(&lock);
  const off_t offset =
      (fcntl(fd, F_GETFL) & O_APPEND) ? lseek(fd, 0, SEEK_END) : lseek(fd, 0, SEEK_CUR);
  const int error =
      offset < 0 ? 0 : admit_write(fd, (long long)offset + (long long)count, PLAIN_WRITE);
  pthread_mutex_unlock(&lock);
  if (error != 0) {
    errno = error;
    return -1;
  }
  return REAL(write)(fd, buffer, count);
}

ssize_t pwrite(int fd, const void* buffer, size_t count, off_t offset) {
  pthread_mutex_lock(&lock);
  const int error = admit_write(fd, (long long)offset + (long long)count, PLAIN_WRITE);
  pthread_mutex_unlock(&lock);
  if (error != 0) {
    errno = error;
    return -1;
  }
  return REAL(pwrite)(fd, buffer, count, offset);
}

ssize_t pwrite64(int fd, const void* buffer, size_t count, off_t offset) {
  return pwrite(fd, buffer, count, offset);
}

ssize_t copy_file_range(int in, off_t* in_offset, int out, off_t* out_offset, size_t count,
                        unsigned int flags) {
  pthread_mutex_lock(&lock);
  const off_t start = out_offset != NULL ? *out_offset : lseek(out, 0, SEEK_CUR);
  /* Never more than the source has left: a copy of a whole file asks for exactly that. */
  struct stat source;
  const off_t source_at = in_offset != NULL ? *in_offset : lseek(in, 0, SEEK_CUR);
  long long length = (long long)count;
  if (fstat(in, &source) == 0 && source.st_size - source_at < length) {
    length = source.st_size - source_at > 0 ? source.st_size - source_at : 0;
  }
  const int error = admit_write(out, (long long)start + length, COPY);
  pthread_mutex_unlock(&lock);
  if (error != 0) {
    errno = error;
    return -1;
  }
  return REAL(copy_file_range)(in, in_offset, out, out_offset, count, flags);
}

int fallocate(int fd, int mode, off_t offset, off_t length) {
  pthread_mutex_lock(&lock);
  const int error = admit_write(fd, (long long)offset + (long long)length, ALLOCATION);
  pthread_mutex_unlock(&lock);
  if (error != 0) {
    errno = error;
    return -1;
  }
  return REAL(fallocate)(fd, mode, offset, length);
}

int posix_fallocate(int fd, off_t offset, off_t length) {
  pthread_mutex_lock(&lock);
  const int error = admit_write(fd, (long long)offset + (long long)length, ALLOCATION);
  pthread_mutex_unlock(&lock);
  if (error != 0) return error;
  return REAL(posix_fallocate)(fd, offset, length);
}

int ftruncate(int fd, off_t length) {
  pthread_mutex_lock(&lock);
  configure();
  struct watched_file* file = entry_for_fd(fd);
  if (file != NULL && length < file->counted_bytes) {
    if (space_left >= 0) space_left += file->counted_bytes - length;
    file->counted_bytes = length;
  }
  pthread_mutex_unlock(&lock);
  return REAL(ftruncate)(fd, length);
}

int ftruncate64(int fd, off_t length) { return ftruncate(fd, length); }

int unlinkat(int dirfd, const char* path, int flags) {
  pthread_mutex_lock(&lock);
  configure();
  release_path(dirfd, path);
  pthread_mutex_unlock(&lock);
  return REAL(unlinkat)(dirfd, path, flags);
}

int unlink(const char* path) { return unlinkat(AT_FDCWD, path, 0); }

int renameat(int old_dirfd, const char* old_path, int new_dirfd, const char* new_path) {
  pthread_mutex_lock(&lock);
  configure();
  release_path(new_dirfd, new_path);
  pthread_mutex_unlock(&lock);
  return REAL(renameat)(old_dirfd, old_path, new_dirfd, new_path);
}

int rename(const char* old_path, const char* new_path) {
  return renameat(AT_FDCWD, old_path, AT_FDCWD, new_path);
}
