#pragma once

// The pipeline configuration module: the typed model and the loader.
#include "config/diagnostic.h"       // IWYU pragma: export
#include "config/pipeline.h"         // IWYU pragma: export
#include "config/pipeline_loader.h"  // IWYU pragma: export
