#include "audio/watermark/frame_fft.h"

#include <mutex>
#include <vector>

#include "audio/watermark/watermark_layout.h"

namespace chorus::audio::watermark {
namespace {

// Idle transforms kept for reuse; beyond this many (more marked streams at once than any server
// here runs), returned ones are freed.
constexpr std::size_t kMaxIdle = 64;

struct Pool {
  std::mutex mutex;
  std::vector<std::unique_ptr<RealFft>> idle;
};

Pool& pool() {
  static Pool* instance = new Pool;  // never destroyed: handles may go after static destruction
  return *instance;
}

}  // namespace

void ReturnToPool::operator()(RealFft* fft) const {
  std::unique_ptr<RealFft> owned(fft);
  Pool& p = pool();
  std::lock_guard lock(p.mutex);
  if (p.idle.size() < kMaxIdle) p.idle.push_back(std::move(owned));
}

PooledFrameFft pooled_frame_fft() {
  Pool& p = pool();
  {
    std::lock_guard lock(p.mutex);
    if (!p.idle.empty()) {
      PooledFrameFft fft(p.idle.back().release());
      p.idle.pop_back();
      return fft;
    }
  }
  return PooledFrameFft(new RealFft(kFrameSize));
}

}  // namespace chorus::audio::watermark
