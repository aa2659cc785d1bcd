#include "audio/tempo_filter.h"

#include <cmath>
#include <cstring>
#include <new>
#include <stdexcept>
#include <string>

extern "C" {
#include <libavfilter/avfilter.h>
#include <libavfilter/buffersink.h>
#include <libavfilter/buffersrc.h>
#include <libavutil/channel_layout.h>
#include <libavutil/frame.h>
#include <libavutil/opt.h>
#include <libavutil/samplefmt.h>
}

#include "core/av_error.h"

namespace chorus::audio {
namespace {

// Options are set through AVOptions rather than an "a=b:c=d" string so that a decimal comma in
// the process locale cannot garble the tempo.
AVFilterContext* add_filter(AVFilterGraph* graph, const char* filter_name,
                            const std::string& label) {
  const AVFilter* filter = avfilter_get_by_name(filter_name);
  if (filter == nullptr)
    throw std::runtime_error(std::string("FFmpeg filter missing: ") + filter_name);
  AVFilterContext* ctx = avfilter_graph_alloc_filter(graph, filter, label.c_str());
  if (ctx == nullptr) throw std::bad_alloc();
  return ctx;
}

}  // namespace

std::vector<double> TempoFilter::stages(double tempo) {
  if (!(tempo > 0.0) || !std::isfinite(tempo))
    throw std::invalid_argument("tempo must be positive");
  std::vector<double> factors;
  while (tempo > 2.0) {
    factors.push_back(2.0);
    tempo /= 2.0;
  }
  while (tempo < 0.5) {
    factors.push_back(0.5);
    tempo /= 0.5;
  }
  factors.push_back(tempo);
  return factors;
}

TempoFilter::TempoFilter(int sample_rate, double tempo) : sample_rate_(sample_rate), tempo_(tempo) {
  if (sample_rate <= 0) throw std::invalid_argument("sample rate must be positive");
  stages(tempo);  // validates
  frame_ = av_frame_alloc();
  if (frame_ == nullptr) throw std::bad_alloc();
  try {
    build_graph();
  } catch (...) {
    av_frame_free(&frame_);
    throw;
  }
}

TempoFilter::~TempoFilter() {
  free_graph();
  av_frame_free(&frame_);
}

void TempoFilter::free_graph() {
  avfilter_graph_free(&graph_);
  source_ = nullptr;
  sink_ = nullptr;
}

void TempoFilter::build_graph() {
  // Never leave a half-built graph behind: push() rebuilds when graph_ is null.
  try {
    configure_graph();
  } catch (...) {
    free_graph();
    throw;
  }
}

void TempoFilter::configure_graph() {
  graph_ = avfilter_graph_alloc();
  if (graph_ == nullptr) throw std::bad_alloc();
  // Filters run inline in process(); worker threads would only add latency for one stream.
  graph_->nb_threads = 1;

  source_ = add_filter(graph_, "abuffer", "in");
  av_check(av_opt_set_int(source_, "sample_rate", sample_rate_, AV_OPT_SEARCH_CHILDREN),
               "abuffer rate");
  av_check(
      av_opt_set_sample_fmt(source_, "sample_fmt", AV_SAMPLE_FMT_FLT, AV_OPT_SEARCH_CHILDREN),
      "abuffer format");
  av_check(
      av_opt_set_q(source_, "time_base", AVRational{1, sample_rate_}, AV_OPT_SEARCH_CHILDREN),
      "abuffer time base");
  av_check(av_opt_set(source_, "channel_layout", "mono", AV_OPT_SEARCH_CHILDREN),
               "abuffer layout");
  av_check(avfilter_init_str(source_, nullptr), "cannot initialise abuffer");

  AVFilterContext* previous = source_;
  int index = 0;
  for (double factor : stages(tempo_)) {
    AVFilterContext* atempo = add_filter(graph_, "atempo", "tempo" + std::to_string(index++));
    av_check(av_opt_set_double(atempo, "tempo", factor, AV_OPT_SEARCH_CHILDREN),
                 "atempo factor");
    av_check(avfilter_init_str(atempo, nullptr), "cannot initialise atempo");
    av_check(avfilter_link(previous, 0, atempo, 0), "cannot link atempo");
    previous = atempo;
  }

  sink_ = add_filter(graph_, "abuffersink", "out");
  // Pin the output to what went in, so format negotiation cannot slip a conversion in.
  const AVSampleFormat formats[] = {AV_SAMPLE_FMT_FLT, AV_SAMPLE_FMT_NONE};
  av_check(av_opt_set_int_list(sink_, "sample_fmts", formats, AV_SAMPLE_FMT_NONE,
                                   AV_OPT_SEARCH_CHILDREN),
               "abuffersink format");
  const int rates[] = {sample_rate_, -1};
  av_check(av_opt_set_int_list(sink_, "sample_rates", rates, -1, AV_OPT_SEARCH_CHILDREN),
               "abuffersink rate");
  av_check(avfilter_init_str(sink_, nullptr), "cannot initialise abuffersink");
  av_check(avfilter_link(previous, 0, sink_, 0), "cannot link abuffersink");
  av_check(avfilter_graph_config(graph_, nullptr), "cannot configure tempo filter graph");
  next_pts_ = 0;
  dirty_ = false;
}

void TempoFilter::pull(std::vector<float>& out) {
  for (;;) {
    const int ret = av_buffersink_get_frame(sink_, frame_);
    if (ret == AVERROR(EAGAIN) || ret == AVERROR_EOF) return;
    av_check(ret, "tempo filter output");
    const auto* samples = reinterpret_cast<const float*>(frame_->data[0]);
    out.insert(out.end(), samples, samples + frame_->nb_samples);
    av_frame_unref(frame_);
  }
}

void TempoFilter::process(std::span<const float> in, std::vector<float>& out) {
  // AVFrame counts samples in int; engines deliver far less per call, but stay safe.
  constexpr std::size_t kMaxBlock = 1 << 20;
  while (in.size() > kMaxBlock) {
    push(in.first(kMaxBlock), out);
    in = in.subspan(kMaxBlock);
  }
  if (!in.empty()) push(in, out);
}

void TempoFilter::push(std::span<const float> in, std::vector<float>& out) {
  if (graph_ == nullptr) build_graph();  // a rebuild after drain() failed; try again
  av_frame_unref(frame_);
  frame_->format = AV_SAMPLE_FMT_FLT;
  frame_->sample_rate = sample_rate_;
  frame_->nb_samples = static_cast<int>(in.size());
  av_channel_layout_default(&frame_->ch_layout, 1);
  av_check(av_frame_get_buffer(frame_, 0), "frame allocation");
  std::memcpy(frame_->data[0], in.data(), in.size_bytes());
  frame_->pts = next_pts_;
  next_pts_ += frame_->nb_samples;
  // The source takes the frame's buffer references, leaving frame_ blank for reuse.
  av_check(av_buffersrc_add_frame(source_, frame_), "tempo filter input");
  dirty_ = true;
  pull(out);
}

void TempoFilter::drain(std::vector<float>& out) {
  if (!dirty_) return;
  av_check(av_buffersrc_add_frame(source_, nullptr), "tempo filter end of stream");
  pull(out);
  // A graph that saw EOF accepts no more input.
  free_graph();
  build_graph();
}

}  // namespace chorus::audio
