#include "mylib.h"

float f() {
  mylib::Blob b(8);
  mylib::Blob w = b.window(0, 4);
  w.scale(2);
  return b.total();
}
