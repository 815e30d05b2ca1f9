//! Plain geometry in PDF points: rectangles with y up (origin bottom-left), and the tolerances
//! used to compare coordinates that come out of floating-point transforms.

use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

/// Coordinates closer than this (in points) are the same coordinate.
pub const EPS: f64 = 0.01;

/// Whether two coordinates are equal within `tol`.
pub fn approx_eq(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

/// An axis-aligned rectangle, `x0 <= x1`, `y0 <= y1`, y up.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Rect {
    /// Left.
    pub x0: f64,
    /// Bottom.
    pub y0: f64,
    /// Right.
    pub x1: f64,
    /// Top.
    pub y1: f64,
}

impl Rect {
    /// The box of nothing: [`Rect::union`] with it gives the other rectangle, so boxes of
    /// several things fold from it (not [`Rect::new`], which would order its infinite corners).
    pub const EMPTY: Rect = Rect {
        x0: f64::MAX,
        y0: f64::MAX,
        x1: f64::MIN,
        y1: f64::MIN,
    };

    /// A rectangle from two corners in any order.
    pub fn new(xa: f64, ya: f64, xb: f64, yb: f64) -> Self {
        Rect {
            x0: xa.min(xb),
            y0: ya.min(yb),
            x1: xa.max(xb),
            y1: ya.max(yb),
        }
    }
    /// Width.
    pub fn width(&self) -> f64 {
        self.x1 - self.x0
    }
    /// Height.
    pub fn height(&self) -> f64 {
        self.y1 - self.y0
    }
    /// Centre x.
    pub fn cx(&self) -> f64 {
        (self.x0 + self.x1) / 2.0
    }
    /// Centre y.
    pub fn cy(&self) -> f64 {
        (self.y0 + self.y1) / 2.0
    }
    /// The smallest rectangle holding both.
    pub fn union(&self, o: &Rect) -> Rect {
        Rect {
            x0: self.x0.min(o.x0),
            y0: self.y0.min(o.y0),
            x1: self.x1.max(o.x1),
            y1: self.y1.max(o.y1),
        }
    }
    /// Whether the point lies inside, borders included with `tol` slack.
    pub fn contains_point(&self, x: f64, y: f64, tol: f64) -> bool {
        x >= self.x0 - tol && x <= self.x1 + tol && y >= self.y0 - tol && y <= self.y1 + tol
    }
    /// Area of the intersection (0 when disjoint).
    pub fn overlap_area(&self, o: &Rect) -> f64 {
        let w = self.x1.min(o.x1) - self.x0.max(o.x0);
        let h = self.y1.min(o.y1) - self.y0.max(o.y0);
        if w <= 0.0 || h <= 0.0 { 0.0 } else { w * h }
    }
    /// Area.
    pub fn area(&self) -> f64 {
        self.width().max(0.0) * self.height().max(0.0)
    }
    /// Reading order of boxes on a page: the higher top first, then the one further left.
    pub fn top_left_first(&self, o: &Rect) -> Ordering {
        o.y1.total_cmp(&self.y1).then(self.x0.total_cmp(&o.x0))
    }
    /// `[x0, y0, x1, y1]` rounded to 0.01 pt, as written in JSON outputs (stable bytes across runs).
    pub fn to_array(&self) -> [f64; 4] {
        let r = |v: f64| (v * 100.0).round() / 100.0;
        [r(self.x0), r(self.y0), r(self.x1), r(self.y1)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_orders_corners_and_measures() {
        let r = Rect::new(10.0, 20.0, 0.0, 5.0);
        assert_eq!(
            r,
            Rect {
                x0: 0.0,
                y0: 5.0,
                x1: 10.0,
                y1: 20.0
            }
        );
        assert_eq!(r.width(), 10.0);
        assert_eq!(r.overlap_area(&Rect::new(5.0, 0.0, 15.0, 10.0)), 25.0);
        assert_eq!(r.overlap_area(&Rect::new(11.0, 0.0, 15.0, 10.0)), 0.0);
    }
}
