// A memoised embedding lookup: get() returns the cached tensor by value (a
// handle copy), and the caller's in-place dropout rescale corrupts the cache,
// which the cache statistics read afterwards.
#include <ag/ag.h>

#include <iostream>
#include <map>

class EmbeddingCache {
public:
  ag::Tensor get(int id) {
    auto it = cache_.find(id);
    if (it == cache_.end())
      it = cache_.emplace(id, ag::full({3}, float(id))).first;
    return it->second;
  }
  const ag::Tensor &peek(int id) const { return cache_.at(id); }

private:
  std::map<int, ag::Tensor> cache_;
};

int main() {
  EmbeddingCache cache;
  ag::Tensor e = cache.get(2);
  e.mul_(2.0f); // dropout rescale, meant for this use only
  std::cout << "scaled embedding " << e << "\n";

  std::cout << "cached embedding norm " << cache.peek(2).abs().sum().item<float>() << "\n";
  return 0;
}
// EXPECT: assign-instead-of-clone write=26 read=29
// KNOWN-LIMIT: dynamic assign-instead-of-clone write=26 read=29 -- map-element: the checker tracks neither std::map elements nor member-function results (docs/design.md, known limits)
