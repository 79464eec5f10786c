// Placeholder until the first test helper lands.
