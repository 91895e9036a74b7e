#pragma once
// One thin RAII wrapper for HDF5 identifiers (hid_t): the handle closes its identifier with the
// matching H5?close when it goes out of scope, so an exception never leaks an open object.
// Error checking stays with the caller, who knows which file and operation to name.
#include <hdf5.h>

#include <utility>

namespace gigsim::hdf5 {

using CloseFunction = herr_t (*)(hid_t);

template <CloseFunction close_function>
class Handle {
 public:
  Handle() = default;
  explicit Handle(hid_t id) : id_(id) {}
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  Handle(Handle&& other) noexcept : id_(std::exchange(other.id_, H5I_INVALID_HID)) {}
  Handle& operator=(Handle&& other) noexcept {
    if (this != &other) {
      reset();
      id_ = std::exchange(other.id_, H5I_INVALID_HID);
    }
    return *this;
  }
  ~Handle() { reset(); }

  hid_t get() const { return id_; }
  bool valid() const { return id_ >= 0; }

  /// Closes now and returns HDF5's status, for callers that must know the close succeeded
  /// (closing a file is when its data reaches the disk).
  herr_t close() {
    herr_t status = 0;
    if (id_ >= 0) status = close_function(id_);
    id_ = H5I_INVALID_HID;
    return status;
  }

  /// Closes now, ignoring failure (destructor path).
  void reset() { static_cast<void>(close()); }

 private:
  hid_t id_ = H5I_INVALID_HID;
};

using File = Handle<H5Fclose>;
using Group = Handle<H5Gclose>;
using Dataset = Handle<H5Dclose>;
using Dataspace = Handle<H5Sclose>;
using Datatype = Handle<H5Tclose>;
using Attribute = Handle<H5Aclose>;
using PropertyList = Handle<H5Pclose>;

}  // namespace gigsim::hdf5
