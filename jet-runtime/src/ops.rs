//! `std::ops` for [`Jet`]: operators between jets, and with a plain scalar on either side.
