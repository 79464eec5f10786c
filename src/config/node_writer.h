#pragma once

#include <yaml-cpp/yaml.h>

#include <string>

// Writing yaml-cpp node trees back out (`sluice migrate`, the kept `resources` section).
// Scalars keep their type as a reader of the file would see it: quoted text stays a string;
// plain numbers, booleans and null are written as such.
namespace sluice::config {

// Compact JSON on one line when `indent` is 0, else pretty-printed with that many spaces.
std::string to_json(const YAML::Node& node, int indent = 0);
// Block-style YAML.
std::string to_yaml(const YAML::Node& node);

}  // namespace sluice::config
