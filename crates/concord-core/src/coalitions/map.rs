//! Placing actors on a plane from their agreement: classical multidimensional scaling
//! (Torgerson), and laying an earlier map onto a later one (orthogonal Procrustes) so drift
//! shows as arrows on the same axes. Linear algebra by nalgebra.

use crate::model::MapPoint;
use nalgebra::{DMatrix, Matrix2, SymmetricEigen};

/// Points on the plane, and how much of the spread the two axes hold.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    pub points: Vec<MapPoint>,
    /// The two largest eigenvalues over the sum of the positive ones (0–1); `None` with
    /// fewer than three points.
    pub explained: Option<f64>,
}

/// Places `n` points so that their distances come as close as two axes allow to `distance`
/// (0 same, 1 farthest). An unknown distance is filled with the mean of the known ones, the
/// usual stand-in that neither pulls two actors together nor pushes them apart.
pub fn place(n: usize, distance: impl Fn(usize, usize) -> Option<f64>) -> Placed {
    let mut d = DMatrix::<f64>::zeros(n, n);
    let mut unknown = Vec::new();
    let (mut sum, mut known) = (0.0, 0usize);
    for i in 0..n {
        for j in (i + 1)..n {
            match distance(i, j) {
                Some(x) => {
                    d[(i, j)] = x;
                    d[(j, i)] = x;
                    sum += x;
                    known += 1;
                }
                None => unknown.push((i, j)),
            }
        }
    }
    let fill = if known == 0 { 0.5 } else { sum / known as f64 };
    for (i, j) in unknown {
        d[(i, j)] = fill;
        d[(j, i)] = fill;
    }
    match n {
        0 => Placed {
            points: Vec::new(),
            explained: None,
        },
        1 => Placed {
            points: vec![MapPoint { x: 0.0, y: 0.0 }],
            explained: None,
        },
        2 => {
            let half = d[(0, 1)] / 2.0;
            Placed {
                points: vec![MapPoint { x: -half, y: 0.0 }, MapPoint { x: half, y: 0.0 }],
                explained: None,
            }
        }
        _ => scale(&d),
    }
}

/// Double-centres the squared distances and takes the two leading eigenvectors.
fn scale(d: &DMatrix<f64>) -> Placed {
    let n = d.nrows();
    let squared = d.map(|x| x * x);
    let row_means: Vec<f64> = (0..n).map(|i| squared.row(i).mean()).collect();
    let grand = squared.mean();
    let b = DMatrix::from_fn(n, n, |i, j| {
        -0.5 * (squared[(i, j)] - row_means[i] - row_means[j] + grand)
    });
    let eigen = SymmetricEigen::new(b);
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|a, b| eigen.eigenvalues[*b].total_cmp(&eigen.eigenvalues[*a]));
    let positive: f64 = eigen.eigenvalues.iter().filter(|l| **l > 0.0).sum();
    let axis = |k: usize| -> Vec<f64> {
        let l = eigen.eigenvalues[order[k]].max(0.0);
        let mut v: Vec<f64> = eigen
            .eigenvectors
            .column(order[k])
            .iter()
            .map(|x| x * l.sqrt())
            .collect();
        // An eigenvector's sign is arbitrary: turn each axis so its farthest point is on the
        // positive side, so one record always draws the same map.
        let far = v.iter().copied().fold(
            0.0_f64,
            |m, x| {
                if x.abs() > m.abs() + 1e-12 {
                    x
                } else {
                    m
                }
            },
        );
        if far < 0.0 {
            v.iter_mut().for_each(|x| *x = -*x);
        }
        v
    };
    let (xs, ys) = (axis(0), axis(1));
    let top = eigen.eigenvalues[order[0]].max(0.0) + eigen.eigenvalues[order[1]].max(0.0);
    Placed {
        points: xs
            .into_iter()
            .zip(ys)
            .map(|(x, y)| MapPoint { x, y })
            .collect(),
        explained: (positive > 0.0).then(|| (top / positive).min(1.0)),
    }
}

/// Turns, mirrors and shifts `earlier` (no stretching) to lie as close as it can to `later`
/// on the points both have. `None` everywhere when fewer than two points are shared.
pub fn lay_onto(earlier: &[Option<MapPoint>], later: &[Option<MapPoint>]) -> Vec<Option<MapPoint>> {
    let both: Vec<(MapPoint, MapPoint)> = earlier
        .iter()
        .zip(later)
        .filter_map(|(e, l)| Some(((*e)?, (*l)?)))
        .collect();
    if both.len() < 2 {
        return vec![None; earlier.len()];
    }
    let centre = |pick: fn(&(MapPoint, MapPoint)) -> MapPoint| {
        let (x, y) = both
            .iter()
            .map(pick)
            .fold((0.0, 0.0), |(x, y), p| (x + p.x, y + p.y));
        MapPoint {
            x: x / both.len() as f64,
            y: y / both.len() as f64,
        }
    };
    let (ce, cl) = (centre(|p| p.0), centre(|p| p.1));
    let mut m = Matrix2::<f64>::zeros();
    for (e, l) in &both {
        let (ex, ey, lx, ly) = (e.x - ce.x, e.y - ce.y, l.x - cl.x, l.y - cl.y);
        m += Matrix2::new(ex * lx, ex * ly, ey * lx, ey * ly);
    }
    let svd = m.svd(true, true);
    let (Some(u), Some(v_t)) = (svd.u, svd.v_t) else {
        return vec![None; earlier.len()];
    };
    let r = u * v_t;
    earlier
        .iter()
        .map(|p| {
            p.map(|p| {
                let (x, y) = (p.x - ce.x, p.y - ce.y);
                MapPoint {
                    x: x * r[(0, 0)] + y * r[(1, 0)] + cl.x,
                    y: x * r[(0, 1)] + y * r[(1, 1)] + cl.y,
                }
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dist(a: MapPoint, b: MapPoint) -> f64 {
        ((a.x - b.x).powi(2) + (a.y - b.y).powi(2)).sqrt()
    }

    #[test]
    fn distances_of_a_plane_are_kept_and_explained_in_full() {
        let truth: [(f64, f64); 5] = [(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0), (0.5, 0.2)];
        let d = |i: usize, j: usize| -> Option<f64> {
            let (a, b) = (truth[i], truth[j]);
            Some(((a.0 - b.0) * (a.0 - b.0) + (a.1 - b.1) * (a.1 - b.1)).sqrt())
        };
        let placed = place(truth.len(), d);
        for i in 0..truth.len() {
            for j in 0..truth.len() {
                let got = dist(placed.points[i], placed.points[j]);
                assert!((got - d(i, j).unwrap()).abs() < 1e-9, "{i} {j}");
            }
        }
        assert!((placed.explained.unwrap() - 1.0).abs() < 1e-9);
    }

    #[test]
    fn an_earlier_map_turned_and_mirrored_lies_back_on_the_later() {
        let later = [(0.0, 0.0), (2.0, 0.0), (0.0, 1.0), (3.0, 3.0)];
        // The same points turned a quarter, mirrored and shifted.
        let earlier: Vec<Option<MapPoint>> = later
            .iter()
            .map(|(x, y)| {
                Some(MapPoint {
                    x: *y + 5.0,
                    y: *x - 1.0,
                })
            })
            .collect();
        let later: Vec<Option<MapPoint>> = later
            .iter()
            .map(|(x, y)| Some(MapPoint { x: *x, y: *y }))
            .collect();
        let laid = lay_onto(&earlier, &later);
        for (a, b) in laid.iter().zip(&later) {
            assert!(dist(a.unwrap(), b.unwrap()) < 1e-9);
        }
        assert_eq!(lay_onto(&earlier[..1], &later[..1]), vec![None]);
    }
}
