// REQUIRES: libtorch
// RUN: %check_aliasguard --tool=cli %s -- %torch_flags
// A tensor made with torch::from_blob views the buffer's storage: a library
// or unknown call that fills the buffer through a pointer into it changes
// the tensor, like an element store does.
#include <torch/torch.h>
#include <algorithm>
#include <array>
#include <cstring>
#include <fstream>
#include <iostream>
#include <numeric>
#include <vector>

struct Camera {
  bool read(float *dst);
  bool peek(const float *src) const;
};
void load_samples(std::vector<float> &out);
void print_samples(const float *p, int n);
void fill_frame(float *p) { p[0] = 1; }
torch::Tensor wrap_frame(float *p);

// --- memcpy, memmove, memset ---
// BUG: the tensor sees the bytes memcpy wrote.
void memcpy_into_buffer(const float *src) {
  float buf[4] = {1, 2, 3, 4};
  torch::Tensor t = torch::from_blob(buf, {4});
  memcpy(buf, src, sizeof(buf));
  std::cout << t;
// CHECK-MESSAGES: :[[@LINE-2]]:3: warning: 'memcpy' writes the buffer 'buf' that 't' views, and 't' is read later: 't' is a view of 'buf' ('from_blob'), not a copy of its values [aliasguard-view-mutation]
// CHECK-MESSAGES: :[[@LINE-4]]:21: note: 'from_blob' creates a view of 'buf' here; use '.clone()' to keep the values
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 't' is read here and sees the data the call wrote
}
// BUG: std::memcpy into the vector's data.
void std_memcpy_into_vector(const std::vector<float> &src) {
  std::vector<float> v(4);
  torch::Tensor t = torch::from_blob(v.data(), {4});
  std::memcpy(v.data(), src.data(), 4 * sizeof(float));
  std::cout << t;
// CHECK-MESSAGES: :[[@LINE-2]]:3: warning: 'memcpy' writes the buffer 'v' that 't' views
}
// BUG: memset and memmove through pointers into the buffer.
void memset_into_vector() {
  std::vector<float> v(8);
  torch::Tensor t = torch::from_blob(v.data(), {8});
  memset(v.data() + 4, 0, 4 * sizeof(float));
  std::cout << t;
// CHECK-MESSAGES: :[[@LINE-2]]:3: warning: 'memset' writes the buffer 'v' that 't' views
}
void memmove_into_vector() {
  std::vector<float> v(8);
  torch::Tensor t = torch::from_blob(v.data(), {8});
  memmove(&v[0], &v[4], 4 * sizeof(float));
  std::cout << t;
// CHECK-MESSAGES: :[[@LINE-2]]:3: warning: 'memmove' writes the buffer 'v' that 't' views
}
// Near miss: the buffer is memcpy's source; it is only read.
void memcpy_from_buffer(float *dst) {
  float buf[4] = {1, 2, 3, 4};
  torch::Tensor t = torch::from_blob(buf, {4});
  memcpy(dst, buf, sizeof(buf));
  std::cout << t;
}
// Near miss: the tensor owns a copy of the data.
void memcpy_after_clone(const float *src) {
  float buf[4] = {1, 2, 3, 4};
  torch::Tensor t = torch::from_blob(buf, {4}).clone();
  memcpy(buf, src, sizeof(buf));
  std::cout << t;
}
// Near miss: the buffer is filled before the tensor is made over it.
void memcpy_before_from_blob(const float *src) {
  float buf[4];
  memcpy(buf, src, sizeof(buf));
  torch::Tensor t = torch::from_blob(buf, {4});
  std::cout << t;
}
// Near miss: a staging buffer, refilled for the tensor made over it before
// the loop - the tensor is meant to see each batch.
void staging_buffer(const std::vector<std::vector<float>> &batches) {
  std::vector<float> staging(16);
  torch::Tensor input = torch::from_blob(staging.data(), {16});
  for (const auto &batch : batches) {
    std::memcpy(staging.data(), batch.data(), 16 * sizeof(float));
    std::cout << input.sum();
  }
}

// --- std algorithms with an output into the buffer ---
// BUG: std::copy, std::copy_n, std::fill, std::fill_n, std::transform.
void std_copy(const std::vector<float> &src) {
  std::vector<float> v(4);
  torch::Tensor t = torch::from_blob(v.data(), {4});
  std::copy(src.begin(), src.end(), v.begin());
  std::cout << t;
// CHECK-MESSAGES: :[[@LINE-2]]:3: warning: 'std::copy' writes the buffer 'v' that 't' views
}
void std_copy_n(const std::vector<float> &src) {
  float buf[4] = {};
  torch::Tensor u = torch::from_blob(buf, {4});
  std::copy_n(src.data(), 4, buf);
  std::cout << u;
// CHECK-MESSAGES: :[[@LINE-2]]:3: warning: 'std::copy_n' writes the buffer 'buf' that 'u' views
}
void std_fill() {
  std::vector<float> v(4);
  torch::Tensor t = torch::from_blob(v.data(), {4});
  std::fill(v.begin(), v.end(), 0.f);
  std::cout << t;
// CHECK-MESSAGES: :[[@LINE-2]]:3: warning: 'std::fill' writes the buffer 'v' that 't' views
}
void std_fill_n() {
  float buf[4] = {};
  torch::Tensor u = torch::from_blob(buf, {4});
  std::fill_n(buf + 1, 2, 1.f);
  std::cout << u;
// CHECK-MESSAGES: :[[@LINE-2]]:3: warning: 'std::fill_n' writes the buffer 'buf' that 'u' views
}
void std_transform(const std::vector<float> &src) {
  std::vector<float> v(4);
  torch::Tensor t = torch::from_blob(v.data(), {4});
  std::transform(src.begin(), src.end(), v.data(), [](float x) { return 2 * x; });
  std::cout << t;
// CHECK-MESSAGES: :[[@LINE-2]]:3: warning: 'std::transform' writes the buffer 'v' that 't' views
}
// BUG: std::array::fill overwrites the array in place.
void array_fill() {
  std::array<float, 4> arr = {1, 2, 3, 4};
  torch::Tensor t = torch::from_blob(arr.data(), {4});
  arr.fill(0.f);
  std::cout << t;
// CHECK-MESSAGES: :[[@LINE-2]]:7: warning: 'fill' writes the buffer 'arr' that 't' views
}
// Near miss: the buffer is the algorithms' input only.
void algorithms_read_buffer(std::vector<float> &dst) {
  std::vector<float> v(4, 1.f);
  torch::Tensor t = torch::from_blob(v.data(), {4});
  std::copy(v.begin(), v.end(), dst.begin());
  std::transform(v.begin(), v.end(), dst.begin(), [](float x) { return x + 1; });
  float total = std::accumulate(v.begin(), v.end(), 0.f);
  std::cout << t << total;
}

// --- calls that take the buffer as a non-const pointer or reference ---
// BUG: an unknown method fills the frame the tensor views.
void camera_frame(Camera &cap) {
  std::vector<float> frame(16);
  torch::Tensor t = torch::from_blob(frame.data(), {4, 4});
  cap.read(frame.data());
  std::cout << t;
// CHECK-MESSAGES: :[[@LINE-2]]:7: warning: 'read' writes the buffer 'frame' that 't' views
}
// BUG: a user function writes through its pointer parameter; an unknown one
// takes the vector by non-const reference.
void user_function() {
  float buf[4] = {1, 2, 3, 4};
  torch::Tensor t = torch::from_blob(buf, {4});
  fill_frame(buf);
  std::cout << t;
// CHECK-MESSAGES: :[[@LINE-2]]:3: warning: 'fill_frame' writes the buffer 'buf' that 't' views
}
void unknown_function() {
  std::vector<float> samples(8);
  torch::Tensor s = torch::from_blob(samples.data(), {8});
  load_samples(samples);
  std::cout << s;
// CHECK-MESSAGES: :[[@LINE-2]]:3: warning: 'load_samples' writes the buffer 'samples' that 's' views
}
// BUG: istream::read into the vector's bytes.
void read_file(std::ifstream &in) {
  std::vector<float> v(4);
  torch::Tensor t = torch::from_blob(v.data(), {4});
  in.read(reinterpret_cast<char *>(v.data()), 4 * sizeof(float));
  std::cout << t;
// CHECK-MESSAGES: :[[@LINE-2]]:6: warning: 'read' writes the buffer 'v' that 't' views
}
// Near miss: const pointers are only read; a function returning a tensor
// wraps the buffer rather than fills it.
void const_and_wrapping_calls(Camera &cap) {
  float buf[4] = {1, 2, 3, 4};
  torch::Tensor t = torch::from_blob(buf, {4});
  print_samples(buf, 4);
  cap.peek(buf);
  torch::Tensor w = wrap_frame(buf);
  std::cout << t << w;
}
// Near miss: the buffer is written, but the tensor is not read afterwards.
void write_then_rebind(Camera &cap) {
  std::vector<float> frame(16);
  torch::Tensor t = torch::from_blob(frame.data(), {16});
  std::cout << t;
  cap.read(frame.data());
  t = torch::zeros({16});
  std::cout << t;
}
