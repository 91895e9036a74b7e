// The panel; see panel.hpp.
#include "engine/panel.hpp"

#include <algorithm>
#include <limits>

namespace gigsim {

std::vector<PanelPerson> panel_sample(const Params& params, const MarketState& state) {
  const Freelancers& fl = state.freelancers;
  std::size_t registered = 0;
  for (std::size_t f = 0; f < fl.size(); ++f) registered += fl.is_active(f) ? 1 : 0;
  const std::size_t wanted = std::min(static_cast<std::size_t>(params.run.panel_size), registered);
  std::vector<PanelPerson> persons;
  persons.reserve(wanted);
  Stream stream = state.streams.open(static_cast<std::uint32_t>(state.week), 0, Purpose::panel);
  std::size_t seen = 0;
  for (std::size_t f = 0; f < fl.size() && persons.size() < wanted; ++f) {
    if (!fl.is_active(f)) continue;
    // Selection sampling: take f with probability (still wanted) / (still to see).
    const double still_wanted = static_cast<double>(wanted - persons.size());
    if (stream.uniform() * static_cast<double>(registered - seen) < still_wanted) {
      persons.push_back({fl.uid[f], f});
    }
    ++seen;
  }
  return persons;
}

void collect_panel(const MarketState& state, const std::vector<PanelPerson>& persons,
                   std::size_t columns, MetricsRow& row) {
  const std::size_t n = columns;
  row.panel.assign(kPanelVariableCount * n, 0.0f);
  const Freelancers& fl = state.freelancers;
  constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
  for (std::size_t i = 0; i < n; ++i) {
    const auto set = [&](PanelVariable v, float value) { row.panel_value(v, i, n) = value; };
    const std::size_t f = i < persons.size() ? persons[i].slot : 0;
    const bool here =
        i < persons.size() && f < fl.size() && fl.uid[f] == persons[i].uid && fl.is_active(f);
    if (!here) {
      set(PanelVariable::category, -1.0f);
      set(PanelVariable::skill, kNaN);
      set(PanelVariable::adopter, 0.0f);
      set(PanelVariable::proficiency, kNaN);
      set(PanelVariable::hours_worked, 0.0f);
      set(PanelVariable::net_earnings, kNaN);
      set(PanelVariable::ask_rate, kNaN);
      set(PanelVariable::status, static_cast<float>(PanelStatus::exited));
      continue;
    }
    const std::size_t category = fl.primary_category[f];
    const double tools = fl.adopter[f] ? state.ai.tool_cost_usd_per_week[category] : 0.0;
    PanelStatus status = PanelStatus::active;
    if (fl.is_reskilling(f)) {
      status = PanelStatus::reskilling;
    } else if (!fl.is_recently_active(f, state.week)) {
      status = PanelStatus::dormant;
    }
    set(PanelVariable::category, static_cast<float>(category));
    set(PanelVariable::skill, fl.skill[f]);
    set(PanelVariable::adopter, fl.adopter[f] ? 1.0f : 0.0f);
    set(PanelVariable::proficiency, fl.ai_proficiency[f]);
    set(PanelVariable::hours_worked, fl.hours_this_week[f]);
    set(PanelVariable::net_earnings,
        static_cast<float>(static_cast<double>(fl.income_this_week_usd[f]) -
                           fl.bid_spend_this_week_usd[f] - tools));
    set(PanelVariable::ask_rate, fl.ask_rate_usd[f]);
    set(PanelVariable::status, static_cast<float>(status));
  }
}

}  // namespace gigsim
