#include "transforms/record_binding.h"

#include <map>

#include "transforms/cell_values.h"

namespace sluice::transforms {
namespace {

std::vector<std::string> split_path(const std::string& name) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t dot = name.find('.'); dot != std::string::npos; dot = name.find('.', start)) {
    parts.push_back(name.substr(start, dot - start));
    start = dot + 1;
  }
  parts.push_back(name.substr(start));
  return parts;
}

}  // namespace

RecordBinding::RecordBinding(const expr::Program& program,
                             const std::vector<config::SchemaField>& fields, size_t first_column)
    : uses_env_map_(program.uses_env_map()) {
  for (const std::string& variable : program.variables()) {
    std::vector<Leaf> leaves;
    for (size_t i = 0; i < fields.size(); ++i) {
      const std::string& name = fields[i].name;
      if (name == variable) {
        // A literal field of that name wins over nested ones (as the decoder resolves keys).
        leaves.assign(1, Leaf{{}, first_column + i});
        break;
      }
      if (name.size() > variable.size() && name.compare(0, variable.size(), variable) == 0 &&
          name[variable.size()] == '.') {
        leaves.push_back(Leaf{split_path(name.substr(variable.size() + 1)), first_column + i});
      }
    }
    variables_.push_back(std::move(leaves));
  }
  if (uses_env_map_) {
    for (size_t i = 0; i < fields.size(); ++i)
      everything_.push_back(Leaf{split_path(fields[i].name), first_column + i});
  }
}

expr::Value RecordBinding::nested(const Batch& batch, size_t row, const std::vector<Leaf>& leaves,
                                  size_t depth) {
  // Group the leaves by their key at this depth; a leaf ending here is a value.
  std::map<std::string, std::vector<Leaf>, std::less<>> groups;
  expr::Map out;
  for (const Leaf& leaf : leaves) {
    if (leaf.path.size() == depth + 1) {
      const Column& column = batch.columns[leaf.column];
      const Cell& cell = column.cells[row];
      if (cell.kind != ValueKind::Missing)
        out.emplace(leaf.path[depth], value_of_cell(column, cell));
    } else {
      groups[leaf.path[depth]].push_back(leaf);
    }
  }
  for (auto& [key, group] : groups) {
    if (!out.count(key)) out.emplace(key, nested(batch, row, group, depth + 1));
  }
  return expr::Value(std::move(out));
}

int64_t RecordBinding::column_of(size_t variable) const {
  const std::vector<Leaf>& leaves = variables_[variable];
  if (leaves.size() != 1 || !leaves[0].path.empty()) return -1;
  return static_cast<int64_t>(leaves[0].column);
}

expr::Env RecordBinding::bind(const Batch& batch, size_t row, std::vector<expr::Value>& slots,
                              expr::Value& env_map) const {
  slots.resize(variables_.size());
  for (size_t v = 0; v < variables_.size(); ++v) {
    const std::vector<Leaf>& leaves = variables_[v];
    if (leaves.empty()) {
      slots[v] = expr::Value();
    } else if (leaves.size() == 1 && leaves[0].path.empty()) {
      const Column& column = batch.columns[leaves[0].column];
      slots[v] = value_of_cell(column, column.cells[row]);
    } else {
      slots[v] = nested(batch, row, leaves, 0);
    }
  }
  expr::Env env{slots, nullptr};
  if (uses_env_map_) {
    env_map = nested(batch, row, everything_, 0);
    env.env_map = &env_map;
  }
  return env;
}

}  // namespace sluice::transforms
