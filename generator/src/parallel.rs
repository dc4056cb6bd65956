//! Work spread over two threads with its results kept in order: the stages before the emitter
//! have parts (the entries of the reference, the samples of each operation) that need nothing
//! of one another, while the second core would otherwise wait.

/// `f` of every item, in order: the second half of `items` on a second thread. A list shorter
/// than `worth_a_thread` is done on this thread alone: a thread costs more than its items.
pub fn map_in_order<T, R, F>(items: &[T], worth_a_thread: usize, f: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync,
{
    let half = if items.len() < worth_a_thread {
        items.len()
    } else {
        items.len() / 2
    };
    let (first, second) = items.split_at(half);
    std::thread::scope(|scope| {
        let rest = (!second.is_empty()).then(|| scope.spawn(|| second.iter().map(&f).collect()));
        let mut done: Vec<R> = first.iter().map(&f).collect();
        if let Some(rest) = rest {
            let rest: Vec<R> = rest
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            done.extend(rest);
        }
        done
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_the_order_of_the_items_with_or_without_a_thread() {
        let items: Vec<usize> = (0..100).collect();
        let squares: Vec<usize> = items.iter().map(|i| i * i).collect();
        assert_eq!(map_in_order(&items, 10, |i| i * i), squares);
        assert_eq!(map_in_order(&items, 1000, |i| i * i), squares);
        assert_eq!(
            map_in_order(&[] as &[usize], 0, |i| *i),
            Vec::<usize>::new()
        );
    }
}
