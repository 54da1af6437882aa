// RUN: %check_aliasguard --tool=cli %s -- %ag_flags
// Elements of containers of tensors: copies of an element, element
// references, range-for loop variables, maps and optionals; and a copy of a
// stale holder ("restoring a backup" that is no backup).
#include <ag/ag.h>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

// BUG: an element copied out of a vector is the element's storage.
void element_copy_index() {
  std::vector<ag::Tensor> v = {ag::ones({3})};
  ag::Tensor e = v[0];
  e.add_(1);
  std::cout << v[0];
// CHECK-MESSAGES: :[[@LINE-3]]:14: warning: copying 'v[0]' into 'e' shares its storage, not its data: the in-place write through 'e' also changes 'v'; use 'v[0].clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:5: note: in-place write through 'e' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'v' is read here and sees the changed data
// CHECK-FIXES: ag::Tensor e = v[0].clone();
}

// BUG: front() / back() name elements too.
void element_copy_front() {
  std::vector<ag::Tensor> v;
  v.push_back(ag::ones({3}));
  ag::Tensor e = v.front();
  e.mul_(2);
  std::cout << v.size() << v.front();
// CHECK-MESSAGES: :[[@LINE-3]]:14: warning: copying 'v.front()' into 'e' shares its storage, not its data: the in-place write through 'e' also changes 'v'; use 'v.front().clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:5: note: in-place write through 'e' here
// CHECK-MESSAGES: :[[@LINE-3]]:25: note: 'v' is read here and sees the changed data
}

// BUG: the value of an optional; no fix-it for a prefix expression.
float element_copy_optional() {
  std::optional<ag::Tensor> o = ag::ones({3});
  ag::Tensor e = *o;
  e.mul_(2);
  return o->sum().item<float>();
// CHECK-MESSAGES: :[[@LINE-3]]:14: warning: copying '*o' into 'e' shares its storage, not its data: the in-place write through 'e' also changes 'o'; use '(*o).clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:5: note: in-place write through 'e' here
// CHECK-MESSAGES: :[[@LINE-3]]:10: note: 'o' is read here and sees the changed data
}

// BUG: a map's mapped tensors are elements as well.
void element_copy_map() {
  std::map<std::string, ag::Tensor> m;
  m["k"] = ag::ones({3});
  ag::Tensor e = m["k"];
  e.mul_(2);
  std::cout << m["k"];
// CHECK-MESSAGES: :[[@LINE-3]]:14: warning: copying 'm["k"]' into 'e' shares its storage, not its data: the in-place write through 'e' also changes 'm'; use 'm["k"].clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:5: note: in-place write through 'e' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'm' is read here and sees the changed data
}

// BUG: a range-for reference writes the elements; an earlier copy of one
// sees it.
void range_for_reference_writes() {
  std::vector<ag::Tensor> v = {ag::ones({3})};
  ag::Tensor keep = v[0];
  for (auto &p : v)
    p.add_(1);
  std::cout << keep;
// CHECK-MESSAGES: :[[@LINE-4]]:14: warning: copying 'v[0]' into 'keep' shares its storage, not its data: the in-place write through 'v' also changes 'keep'; use 'v[0].clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:7: note: in-place write through 'v' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'keep' is read here and sees the changed data
}

// BUG: a copy of the container ("best weights") shares every element with
// it; updating the elements through a loop variable changes the snapshot.
void snapshot_of_vector(std::vector<ag::Tensor> &params, const ag::Tensor &grad) {
  std::vector<ag::Tensor> best = params;
  for (ag::Tensor &p : params)
    p.sub_(grad);
  std::cout << best[0];
// CHECK-MESSAGES: :[[@LINE-4]]:27: warning: copying 'params' into 'best' copies the tensors' handles, not their data: the in-place write through 'params' also changes 'best'; clone each element for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-3]]:7: note: in-place write through 'params' here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'best' is read here and sees the changed data
}

// BUG: the "backup" a1 is no backup, so restoring it restores nothing.
void restore_stale_backup() {
  ag::Tensor a = ag::ones({3});
  ag::Tensor b = ag::ones({3});
  ag::Tensor a1 = a;
  a.sub_(b);
  a = a1;
  std::cout << a;
// CHECK-MESSAGES: :[[@LINE-4]]:14: warning: copying 'a' into 'a1' shares its storage, not its data: the in-place write through 'a' also changes 'a1'; use 'a.clone()' for an independent copy [aliasguard-assign-instead-of-clone]
// CHECK-MESSAGES: :[[@LINE-4]]:5: note: in-place write through 'a' here
// CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'a' gets the storage of 'a1', with the changed data, here
// CHECK-MESSAGES: :[[@LINE-4]]:13: note: 'a' is read here and sees the changed data
}

// --- Near misses: silent -------------------------------------------------------

// Assigning an element replaces its handle; nothing is written.
void element_assignment_writes_nothing() {
  ag::Tensor a = ag::ones({3});
  std::vector<ag::Tensor> v = {ag::ones({3})};
  ag::Tensor keep = v[0];
  v[0] = a;
  std::cout << keep << v[0];
}

// A clone of the element is independent.
void element_clone() {
  std::vector<ag::Tensor> v = {ag::ones({3})};
  ag::Tensor e = v[0].clone();
  e.add_(1);
  std::cout << v[0];
}

// Updating the elements through a reference is what the loop is for.
void range_for_update() {
  std::vector<ag::Tensor> v = {ag::ones({3})};
  for (auto &p : v)
    p.add_(1);
  std::cout << v[0];
}

// Nor is a by-value loop variable an unintended copy: writing through it is
// how code updates each element (`for (auto p : params) p.zero_();`).
void range_for_by_value_update() {
  std::vector<ag::Tensor> v = {ag::ones({3})};
  for (ag::Tensor p : v)
    p.mul_(0.5f);
  std::cout << v[0];
}

// An element reference is the element: writing through it is intended.
void element_reference() {
  std::vector<ag::Tensor> v = {ag::ones({3})};
  ag::Tensor &r = v[0];
  r.add_(1);
  std::cout << v[0];
}

// A map lookup that only asks for the keys reads no tensor.
void map_count_reads_no_tensor() {
  std::map<std::string, ag::Tensor> m;
  ag::Tensor t = ag::ones({3});
  m["k"] = t;
  ag::Tensor keep = m["k"];
  t.add_(1);
  std::cout << m.count("k") << m.size();
}

// The backup is a clone: restoring it restores the old values.
void restore_cloned_backup() {
  ag::Tensor a = ag::ones({3});
  ag::Tensor b = ag::ones({3});
  ag::Tensor a1 = a.clone();
  a.sub_(b);
  a = a1;
  std::cout << a;
}

// Summing into a copy of the first element: the later reads are of the
// other elements, which do not see the write, so no stale read is claimed
// in here (element-wise, parts[i] is not parts[0]). The write itself does
// change the caller's first tensor, and no caller is visible: param-mutation.
ag::Tensor sum_into_first(std::vector<ag::Tensor> parts) {
  ag::Tensor total = parts[0];
  for (size_t i = 1; i < parts.size(); ++i)
    total += parts[i];
// CHECK-MESSAGES: :[[@LINE-1]]:11: warning: in-place write through 'total' to parameter 'parts' changes the caller's tensor: a tensor taken by value shares storage with the argument [aliasguard-param-mutation]
// CHECK-MESSAGES: :[[@LINE-5]]:51: note: 'parts' declared here; clone it before writing, take it as a non-const reference, or end the function name with '_'
  return total;
}
