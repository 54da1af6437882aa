// A memoised lookup whose entries leak: get() returns the cached tensor by
// value (a handle copy) and the caller scales it in place. The corruption
// shows up only through a second copy fetched later, which is made after
// the write and therefore reads "fresh" data by both tools' definition.
#include <ag/ag.h>

#include <iostream>
#include <map>

class NormCache {
public:
  ag::Tensor get(int dim) {
    auto it = cache_.find(dim);
    if (it == cache_.end())
      it = cache_.emplace(dim, ag::ones({dim}) / float(dim)).first;
    return it->second;
  }

private:
  std::map<int, ag::Tensor> cache_;
};

int main() {
  NormCache cache;
  ag::Tensor weights = cache.get(4);
  weights.mul_(4.0f); // rescale for this layer only
  std::cout << "layer weights " << weights << "\n";

  ag::Tensor fresh = cache.get(4);
  std::cout << "uniform weights for the next layer " << fresh << "\n";
  return 0;
}
// EXPECT: assign-instead-of-clone write=26 read=30
// KNOWN-LIMIT: both assign-instead-of-clone write=26 read=30 -- copy-after-write: the cache entry never reads its data itself; the stale value is read through a copy made after the write, which both tools treat as having seen it (the checker also does not track std::map elements)
