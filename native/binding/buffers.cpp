#include "binding/buffers.h"

#include <atomic>
#include <cstring>

namespace embedkit::binding {

namespace {

std::atomic<bool> g_refused{false};

template <typename T>
Napi::ArrayBuffer take(Napi::Env env, std::vector<T>&& data) {
  const size_t bytes = data.size() * sizeof(T);
  if (bytes == 0) return Napi::ArrayBuffer::New(env, 0);
  if (!g_refused.load(std::memory_order_relaxed)) {
    auto* owner = new std::vector<T>(std::move(data));
    napi_value result;
    napi_status status = napi_create_external_arraybuffer(
        env, owner->data(), bytes,
        [](napi_env, void*, void* hint) { delete static_cast<std::vector<T>*>(hint); }, owner, &result);
    if (status == napi_ok) return Napi::ArrayBuffer(env, result);
    data = std::move(*owner);  // refused: take it back and fall through to the copy
    delete owner;
    if (status == napi_no_external_buffers_allowed) g_refused.store(true, std::memory_order_relaxed);
    else NAPI_THROW_IF_FAILED(env, status, Napi::ArrayBuffer());
  }
  Napi::ArrayBuffer copy = Napi::ArrayBuffer::New(env, bytes);
  std::memcpy(copy.Data(), data.data(), bytes);
  return copy;
}

}  // namespace

Napi::ArrayBuffer take_floats(Napi::Env env, std::vector<float>&& data) { return take(env, std::move(data)); }
Napi::ArrayBuffer take_u32(Napi::Env env, std::vector<uint32_t>&& data) { return take(env, std::move(data)); }

Napi::Float32Array float32_array(Napi::Env env, std::vector<float>&& data) {
  const size_t n = data.size();
  Napi::ArrayBuffer buffer = take_floats(env, std::move(data));
  return Napi::Float32Array::New(env, n, buffer, 0);
}

Napi::Float32Array float32_array(Napi::Env env, FloatArray&& data) {
  const size_t n = data.size();
  const size_t bytes = n * sizeof(float);
  if (n == 0) return Napi::Float32Array::New(env, 0);
  if (!g_refused.load(std::memory_order_relaxed)) {
    float* raw = data.data();
    napi_value result;
    napi_status status = napi_create_external_arraybuffer(
        env, raw, bytes, [](napi_env, void* p, void*) { FloatArray::free_released(static_cast<float*>(p)); }, nullptr,
        &result);
    if (status == napi_ok) {
      data.release();  // now owned by the ArrayBuffer's finalizer
      return Napi::Float32Array::New(env, n, Napi::ArrayBuffer(env, result), 0);
    }
    if (status == napi_no_external_buffers_allowed) g_refused.store(true, std::memory_order_relaxed);
    else NAPI_THROW_IF_FAILED(env, status, Napi::Float32Array());
  }
  Napi::ArrayBuffer copy = Napi::ArrayBuffer::New(env, bytes);
  std::memcpy(copy.Data(), data.data(), bytes);
  return Napi::Float32Array::New(env, n, copy, 0);
}

Napi::Uint32Array uint32_array(Napi::Env env, std::vector<uint32_t>&& data) {
  const size_t n = data.size();
  Napi::ArrayBuffer buffer = take_u32(env, std::move(data));
  return Napi::Uint32Array::New(env, n, buffer, 0);
}

bool external_buffers_refused() noexcept { return g_refused.load(); }

}  // namespace embedkit::binding
