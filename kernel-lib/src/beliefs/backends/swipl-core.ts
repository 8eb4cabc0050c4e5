/**
 * The Prolog side of the SWI-Prolog backends (wasm and native share it). The host sends one
 * request per call as text printed by our printer; `pwmk_handle/2` reads it, runs it and answers
 * with canonical text that our parser reads back. User text never reaches this program unparsed:
 * the host has already parsed, checked (sandbox) and re-printed every term.
 *
 * Beliefs use the keyed layout `'$pwmk_bel'(Key, ChainHash, FirstAgent, Chain, Fact)`: Key hashes
 * the agent chain, the fact's functor and its first argument, so a ground query is a first-argument
 * hash lookup; the other arguments serve queries with open parts through SWI's JIT indexes.
 * Users read and write the nested `believes(A, believes(B, F))` form; believes/2 translates.
 */
export const SWIPL_CORE = String.raw`
:- use_module(library(lists)).
:- use_module(library(apply)).
:- use_module(library(aggregate)).
:- use_module(library(dif)).
:- use_module(library(solution_sequences)).
:- use_module(library(readutil)).
:- use_module(library(backcomp), [string_to_atom/2]).
:- dynamic('$pwmk_bel'/5).
:- dynamic('$pwmk_allowed'/2).
:- dynamic('$pwmk_derived'/2).
:- dynamic('$pwmk_updates'/1).
'$pwmk_updates'(0).

% ---- keyed belief layout -------------------------------------------------------------------
'$pwmk_key'(Chain, Fact, Key) :-
    (   compound(Fact) -> compound_name_arity(Fact, N, A), arg(1, Fact, F1)
    ;   N = Fact, A = 0, F1 = []
    ),
    ground(F1), ground(Chain),
    term_hash(k(Chain, N, A, F1), Key).

'$pwmk_add_bel'(Chain, Fact, Added) :-
    '$pwmk_key'(Chain, Fact, K), term_hash(Chain, CH), Chain = [A1|_],
    (   '$pwmk_bel'(K, CH, A1, Chain, Fact) -> Added = 0
    ;   assertz('$pwmk_bel'(K, CH, A1, Chain, Fact)), Added = 1
    ).

'$pwmk_add_bel_new'(b(Chain, Fact)) :-
    '$pwmk_key'(Chain, Fact, K), term_hash(Chain, CH), Chain = [A1|_],
    assertz('$pwmk_bel'(K, CH, A1, Chain, Fact)).
'$pwmk_assert_user'(F) :- assertz(user:F).

'$pwmk_del_bel'(Chain, Fact, Removed) :-
    '$pwmk_key'(Chain, Fact, K),
    (   retract('$pwmk_bel'(K, _, _, Chain, Fact)) -> Removed = 1 ; Removed = 0 ).

believes(A, P) :- '$pwmk_split'(P, Agents, Tail), '$pwmk_lookup'([A|Agents], Tail).
believes(A, P) :- '$pwmk_derived'(A, P).

'$pwmk_split'(P, [], P) :- var(P), !.
'$pwmk_split'(believes(B, Q), [B|As], T) :- !, '$pwmk_split'(Q, As, T).
'$pwmk_split'(P, [], P).

'$pwmk_lookup'(Prefix, Tail) :- var(Tail), !,
    (   Prefix = [A|_], nonvar(A) -> '$pwmk_bel'(_, _, A, Chain, Fact)
    ;   '$pwmk_bel'(_, _, _, Chain, Fact)
    ),
    append(Prefix, Rest, Chain),
    '$pwmk_nest'(Rest, Fact, Tail).
'$pwmk_lookup'(Chain, Fact) :-
    (   '$pwmk_key'(Chain, Fact, K) -> '$pwmk_bel'(K, _, _, Chain, Fact)
    ;   ground(Chain) -> term_hash(Chain, CH), '$pwmk_bel'(_, CH, _, Chain, Fact)
    ;   Chain = [A|_], nonvar(A) -> '$pwmk_bel'(_, _, A, Chain, Fact)
    ;   '$pwmk_bel'(_, _, _, Chain, Fact)
    ).

'$pwmk_nest'([], F, F).
'$pwmk_nest'([B|Bs], F, believes(B, T)) :- '$pwmk_nest'(Bs, F, T).

% ---- runtime sandbox for goals only known at run time (call/N with a variable goal) ----------
'$pwmk_call'(G0, Extra) :-
    (   var(G0) -> throw(error(instantiation_error, context(call/1, 'a goal passed to call/N must be bound')))
    ;   true
    ),
    (   Extra == [] -> G = G0
    ;   G0 =.. L0, append(L0, Extra, L), G =.. L
    ),
    '$pwmk_check'(G),
    call(G).

'$pwmk_check'(G) :- var(G), !,
    throw(error(instantiation_error, context(call/1, 'a goal inside a called goal must be bound'))).
'$pwmk_check'((A, B)) :- !, '$pwmk_check'(A), '$pwmk_check'(B).
'$pwmk_check'((A ; B)) :- !, '$pwmk_check'(A), '$pwmk_check'(B).
'$pwmk_check'((A -> B)) :- !, '$pwmk_check'(A), '$pwmk_check'(B).
'$pwmk_check'((A *-> B)) :- !, '$pwmk_check'(A), '$pwmk_check'(B).
'$pwmk_check'(\+ A) :- !, '$pwmk_check'(A).
'$pwmk_check'(not(A)) :- !, '$pwmk_check'(A).
'$pwmk_check'(once(A)) :- !, '$pwmk_check'(A).
'$pwmk_check'(ignore(A)) :- !, '$pwmk_check'(A).
'$pwmk_check'(findall(_, A, _)) :- !, '$pwmk_check'(A).
'$pwmk_check'(findall(_, A, _, _)) :- !, '$pwmk_check'(A).
'$pwmk_check'(forall(A, B)) :- !, '$pwmk_check'(A), '$pwmk_check'(B).
'$pwmk_check'(aggregate_all(_, A, _)) :- !, '$pwmk_check'(A).
'$pwmk_check'(bagof(_, A, _)) :- !, '$pwmk_check_carets'(A).
'$pwmk_check'(setof(_, A, _)) :- !, '$pwmk_check_carets'(A).
'$pwmk_check'(G) :- compound(G), compound_name_arity(G, call, N), N >= 1, !,
    G =.. [call, G0|Extra],
    (   var(G0) -> throw(error(instantiation_error, context(call/N, 'a goal inside a called goal must be bound'))) ; true ),
    G0 =.. L0, append(L0, Extra, L), G1 =.. L, '$pwmk_check'(G1).
'$pwmk_check'(G) :-
    (   callable(G) -> true ; throw(error(type_error(callable, G), _)) ),
    functor(G, N, A),
    (   '$pwmk_allowed'(N, A) -> true
    ;   throw(error(permission_error(call, sandboxed_predicate, N/A), _))
    ).
'$pwmk_check_carets'(G) :- nonvar(G), G = _^B, !, '$pwmk_check_carets'(B).
'$pwmk_check_carets'(G) :- '$pwmk_check'(G).

% ---- limits -----------------------------------------------------------------------------------
'$pwmk_has_alarm' :- catch(use_module(library(time)), _, fail), current_predicate(call_with_time_limit/2), current_prolog_flag(threads, true).

'$pwmk_setup_limits' :-
    (   '$pwmk_has_alarm' -> assertz('$pwmk_time_mode'(alarm))
    ;   abolish(prolog:heartbeat/0), dynamic(prolog:heartbeat/0),
        assertz((prolog:heartbeat :-
            nb_getval('$pwmk_deadline', D),
            (   D > 0, get_time(T), T > D -> nb_setval('$pwmk_deadline', 0), throw('$pwmk_time_limit') ; true ))),
        nb_setval('$pwmk_deadline', 0),
        set_prolog_flag(heartbeat, 2000),
        assertz('$pwmk_time_mode'(heartbeat))
    ).

'$pwmk_limited'(Goal, MaxInf, Secs) :-
    call_with_inference_limit('$pwmk_timed'(Goal, Secs), MaxInf, R),
    (   R == inference_limit_exceeded -> throw('$pwmk_inference_limit') ; true ).

'$pwmk_timed'(Goal, Secs) :-
    (   '$pwmk_time_mode'(alarm)
    ->  catch(call_with_time_limit(Secs, Goal), time_limit_exceeded, throw('$pwmk_time_limit'))
    ;   get_time(T0), D is T0 + Secs,
        setup_call_cleanup(nb_setval('$pwmk_deadline', D), Goal, nb_setval('$pwmk_deadline', 0))
    ).

% ---- line protocol for the native subprocess: one request line in, one response line out ----
'$pwmk_serve' :-
    set_stream(user_input, encoding(utf8)), set_stream(user_output, encoding(utf8)),
    repeat,
    read_line_to_string(user_input, Line),
    (   Line == end_of_file -> halt(0)
    ;   pwmk_handle(Line, Resp), write(user_output, Resp), nl(user_output), flush_output(user_output), fail
    ).

% ---- requests ----------------------------------------------------------------------------------
pwmk_handle(ReqText, RespText) :-
    catch(( term_string(Req, ReqText),
            (   '$pwmk_op'(Req, R0) -> Resp = ok(R0) ; Resp = error(failed, Req) ) ),
          E, '$pwmk_error_term'(E, Resp)),
    % Answers must be text our parser reads back: not cyclic (X = f(X)) and not nested deeper
    % than the host reads (writing a very deep term also overflows the wasm engine's C stack).
    % Only query rows carry terms built by user goals; their depth is checked per operation
    % ('$pwmk_readable'), so the common small answer is not walked here.
    (   \+ acyclic_term(Resp) -> Out = error(cyclic, []) ; Out = Resp ),
    with_output_to(string(Text0), write_canonical(Out)),
    '$pwmk_escape_nul'(Text0, RespText).

% SWI-Prolog 10 writes NUL raw inside quotes, and the wasm bridge cuts text at a NUL: escape it
% (outside quotes a NUL cannot occur in canonical text).
'$pwmk_escape_nul'(S0, S) :-
    char_code(Nul, 0),
    (   sub_string(S0, _, _, _, Nul)
    ->  split_string(S0, Nul, "", Parts), atomic_list_concat(Parts, '\\x0\\', A), atom_string(A, S)
    ;   S = S0
    ).

% Nesting depth of a term as the host's parser counts it: list cells do not nest.
'$pwmk_depth_within'(T, D) :-
    (   compound(T)
    ->  D > 0, D1 is D - 1,
        (   T = [H|Tl] -> '$pwmk_depth_within'(H, D1), '$pwmk_depth_within'(Tl, D)
        ;   compound_name_arity(T, _, A), '$pwmk_args_within'(1, A, T, D1)
        )
    ;   true
    ).
'$pwmk_args_within'(I, A, T, D) :-
    (   I > A -> true
    ;   arg(I, T, X), '$pwmk_depth_within'(X, D), I1 is I + 1, '$pwmk_args_within'(I1, A, T, D)
    ).

'$pwmk_error_term'('$pwmk_inference_limit', error(inference_limit, [])) :- !.
'$pwmk_error_term'('$pwmk_time_limit', error(time_limit, [])) :- !.
'$pwmk_error_term'(time_limit_exceeded, error(time_limit, [])) :- !.
'$pwmk_error_term'(error(resource_error(R), _), error(resource, R)) :- !.
'$pwmk_error_term'(error(permission_error(call, sandboxed_predicate, PI), _), error(sandbox, PI)) :- !.
'$pwmk_error_term'(error(permission_error(declare, builtin_predicate, PI), _), error(builtin, PI)) :- !.
'$pwmk_error_term'(error(Formal, _), error(prolog, Msg)) :- !, format(string(Msg), '~q', [Formal]).
'$pwmk_error_term'(E, error(prolog, Msg)) :- format(string(Msg), '~q', [E]).

'$pwmk_op'(batch(Ops), timed(Rs, Secs)) :- !,
    get_time(T0), maplist('$pwmk_op_safe', Ops, Rs0), get_time(T1), Secs is T1 - T0,
    maplist('$pwmk_readable', Rs0, Rs).

% Query rows sit 4 levels deep in the answer ok(timed([ok(result(Rows, More))], T)), and the host
% reads answers nested up to 990 levels; rows that could not be read back become an error.
'$pwmk_readable'(ok(result(Rows, More)), R) :- !,
    (   \+ acyclic_term(Rows) -> R = error(cyclic, [])
    ;   \+ '$pwmk_depth_within'(Rows, 986) -> R = error(too_deep, 990)
    ;   R = ok(result(Rows, More))
    ).
'$pwmk_readable'(R, R).
'$pwmk_op'(Op, R) :- '$pwmk_op1'(Op, R).

'$pwmk_op_safe'(Op, R) :-
    catch(( '$pwmk_op1'(Op, R0) -> R = ok(R0) ; R = error(failed, []) ), E, '$pwmk_error_term'(E, R)).

'$pwmk_op1'(ping, pong).
'$pwmk_op1'(allow(L), true) :-
    forall(member(N/A, L), ( '$pwmk_allowed'(N, A) -> true ; assertz('$pwmk_allowed'(N, A)), assertz('$pwmk_builtin'(N, A)) )).
'$pwmk_op1'(declare(N, A), Fresh) :-
    functor(H, N, A),
    (   '$pwmk_allowed'(N, A) -> Fresh = false
    ;   (   predicate_property(system:H, defined)
        ;   predicate_property(user:H, imported_from(_))
        ;   catch('$in_library'(N, A, _), _, fail)
        )
    ->  throw(error(permission_error(declare, builtin_predicate, N/A), _))
    ;   dynamic(user:N/A), assertz('$pwmk_allowed'(N, A)), Fresh = true
    ).
'$pwmk_op1'(add_facts(L), Added) :- foldl('$pwmk_add_fact', L, 0, Added).
% "new" variants: the host guarantees the items are absent (it mirrors the KB), so no lookup runs
% while the predicate grows; in the wasm build, growing a JIT index under lookups is very slow.
'$pwmk_op1'(add_facts_new(L), N) :- maplist('$pwmk_assert_user', L), length(L, N).
'$pwmk_op1'(add_beliefs_new(L), N) :- maplist('$pwmk_add_bel_new', L), length(L, N), '$pwmk_touch'(N).
'$pwmk_op1'(del_facts(L), Removed) :- foldl('$pwmk_del_fact', L, 0, Removed).
'$pwmk_op1'(add_beliefs(L), Added) :- foldl('$pwmk_add_b', L, 0, Added), '$pwmk_touch'(Added).
'$pwmk_op1'(del_beliefs(L), Removed) :- foldl('$pwmk_del_b', L, 0, Removed), '$pwmk_touch'(Removed).
'$pwmk_op1'(add_clauses(L), N) :- foldl('$pwmk_add_clause', L, 0, N).
'$pwmk_op1'(del_clauses(L), N) :- foldl('$pwmk_del_clause', L, 0, N).
'$pwmk_op1'(query(Goal, Tmpl, Limit, Offset, MaxInf, Secs), result(Rows, More)) :-
    Limit1 is Limit + 1,
    '$pwmk_limited'(findall(Tmpl, limit(Limit1, offset(Offset, user:Goal)), Rows0), MaxInf, Secs),
    length(Rows0, Len),
    (   Len > Limit -> More = true, length(Rows, Limit), append(Rows, _, Rows0)
    ;   More = false, Rows = Rows0
    ).
'$pwmk_op1'(holds_all(Goals, MaxInf, Secs), Flags) :-
    '$pwmk_limited'(maplist('$pwmk_holds', Goals, Flags), MaxInf, Secs).
'$pwmk_op1'(clear, true) :-
    forall(( '$pwmk_allowed'(N, A), \+ '$pwmk_builtin'(N, A) ), ( functor(H, N, A), retractall(user:H) )),
    retractall('$pwmk_bel'(_, _, _, _, _)), retractall('$pwmk_derived'(_, _)),
    garbage_collect_clauses.
'$pwmk_op1'(gc, true) :- garbage_collect_clauses.
'$pwmk_op1'(stats, stats(Beliefs)) :- predicate_property('$pwmk_bel'(_, _, _, _, _), number_of_clauses(Beliefs)).

:- dynamic('$pwmk_builtin'/2).

'$pwmk_holds'(G, F) :- ( user:G -> F = true ; F = false ).

'$pwmk_add_fact'(F, N0, N) :- ( clause(user:F, true) -> N = N0 ; assertz(user:F), N is N0 + 1 ).
'$pwmk_del_fact'(F, N0, N) :- ( retract(user:F) -> N is N0 + 1 ; N = N0 ).
'$pwmk_add_b'(b(C, F), N0, N) :- '$pwmk_add_bel'(C, F, A), N is N0 + A.
'$pwmk_del_b'(b(C, F), N0, N) :- '$pwmk_del_bel'(C, F, A), N is N0 + A.
'$pwmk_add_clause'(derived(A, P, Body), N0, N) :- !, assertz(('$pwmk_derived'(A, P) :- Body)), N is N0 + 1.
'$pwmk_add_clause'(C, N0, N) :- assertz(user:C), N is N0 + 1.
'$pwmk_del_clause'(derived(A, P, Body), N0, N) :- !, ( retract(('$pwmk_derived'(A, P) :- Body)) -> N is N0 + 1 ; N = N0 ).
'$pwmk_del_clause'((H :- B), N0, N) :- ( retract(user:(H :- B)) -> N is N0 + 1 ; N = N0 ).

% Clause GC every 20,000 belief updates, so SWI's JIT indexes stay effective under churn.
'$pwmk_touch'(K) :-
    retract('$pwmk_updates'(U0)), U is U0 + K,
    (   U >= 20000 -> garbage_collect_clauses, assertz('$pwmk_updates'(0))
    ;   assertz('$pwmk_updates'(U))
    ).
`;
