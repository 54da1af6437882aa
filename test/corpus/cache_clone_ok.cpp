// A memoised feature cache that hands out clones, so callers may change what
// they get without touching the cache.
#include <ag/ag.h>

#include <iostream>
#include <map>

class FeatureCache {
public:
  ag::Tensor get(int id) {
    auto it = cache_.find(id);
    if (it == cache_.end())
      it = cache_.emplace(id, ag::arange(0, 3, ag::kFloat) + float(id)).first;
    return it->second.clone();
  }
  size_t size() const { return cache_.size(); }

private:
  std::map<int, ag::Tensor> cache_;
};

int main() {
  FeatureCache cache;
  ag::Tensor f = cache.get(1);
  f.mul_(10.0f);
  std::cout << "scaled " << f << "\n";
  ag::Tensor again = cache.get(1);
  std::cout << "cached " << again << " (" << cache.size() << " entries)\n";
  return 0;
}
// EXPECT: none
