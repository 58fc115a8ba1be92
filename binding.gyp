{
  "variables": {
    "utf8proc_include%": "<!(node -p \"require('./scripts/build-deps/fetch-debian.js').ensure('utf8proc', console.error).include\")",
    "utf8proc_library%": "<!(node -p \"require('./scripts/build-deps/fetch-debian.js').ensure('utf8proc', console.error).library\")",
    "pcre2_include%": "<!(node -p \"require('./scripts/build-deps/fetch-debian.js').ensure('pcre2', console.error).include\")",
    "pcre2_library%": "<!(node -p \"require('./scripts/build-deps/fetch-debian.js').ensure('pcre2', console.error).library\")",
    "onnxruntime_include%": "<!(node -p \"require('./scripts/build-deps/fetch-debian.js').ensure('onnxruntime', console.error).include\")"
  },
  "targets": [
    {
      "target_name": "embedkit",
      "sources": [
        "<!@(node -p \"const s = require('./native/sources.json'); [...s.core, ...s.tokenizer, ...s.binding].join(' ')\")"
      ],
      "include_dirs": [
        "<!(node -p \"require('node-addon-api').include_dir\")",
        "native",
        "native/core",
        "<(utf8proc_include)",
        "<(pcre2_include)",
        "<(onnxruntime_include)"
      ],
      "libraries": ["<(utf8proc_library)", "<(pcre2_library)", "-ldl", "-Wl,--exclude-libs,ALL"],
      "defines": ["NAPI_VERSION=8", "NAPI_CPP_EXCEPTIONS", "NODE_ADDON_API_DISABLE_DEPRECATED", "NODE_API_SWALLOW_UNTHROWABLE_EXCEPTIONS", "UTF8PROC_STATIC", "PCRE2_STATIC", "PCRE2_CODE_UNIT_WIDTH=8"],
      "cflags_cc!": ["-fno-exceptions", "-fno-rtti", "-std=gnu++14", "-std=gnu++17"],
      "cflags_cc": ["-std=c++17", "-O3", "-fexceptions", "-fvisibility=hidden"],
      "xcode_settings": {
        "GCC_ENABLE_CPP_EXCEPTIONS": "YES",
        "CLANG_CXX_LANGUAGE_STANDARD": "c++17",
        "OTHER_LDFLAGS!": ["-Wl,--exclude-libs,ALL"]
      },
      "msvs_settings": { "VCCLCompilerTool": { "ExceptionHandling": 1 } }
    }
  ]
}
