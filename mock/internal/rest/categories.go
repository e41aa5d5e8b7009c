package rest

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/bcmock/bcmock/mock/internal/gateway"
	"github.com/bcmock/bcmock/mock/internal/shop"
)

// Categories (the deprecated /catalog/categories and the trees API),
// category trees and brands.

func (r *REST) addCategoriesV3(h map[string]gateway.Handler) {
	h["getCategories"] = r.getCategories
	h["createCategory"] = r.createCategory
	h["getCategory"] = r.getCategory
	h["updateCategory"] = r.updateCategory
	h["deleteCategory"] = r.deleteCategory
	h["getCategoryTrees"] = r.getCategoryTrees
	h["getTreeCategories"] = r.getTreeCategories
	h["createTreeCategories"] = r.createTreeCategories
	h["updateTreeCategories"] = r.updateTreeCategories
	h["deleteTreeCategories"] = r.deleteTreeCategories
	h["getCategoryTree"] = r.getCategoryTree
	h["getBrands"] = r.getBrands
	h["createBrand"] = r.createBrand
	h["getBrand"] = r.getBrand
	h["updateBrand"] = r.updateBrand
	h["deleteBrand"] = r.deleteBrand
}

// categoryCommon renders the fields both category shapes share.
func categoryCommon(c *shop.Category) object {
	return object{
		"parent_id": c.ParentID, "name": c.Name, "description": c.Description, "views": c.Views,
		"sort_order": c.SortOrder, "page_title": c.PageTitle, "search_keywords": c.Keywords,
		"meta_keywords": []string{}, "meta_description": c.MetaDesc, "layout_file": "category.html",
		"is_visible": c.Visible, "default_product_sort": c.ProductSort, "image_url": c.ImageURL,
	}
}

// categoryJSON is the deprecated shape: id and custom_url.
func categoryJSON(c *shop.Category) object {
	o := categoryCommon(c)
	o["id"] = c.ID
	o["custom_url"] = object{"url": c.URL, "is_customized": c.Customized}
	return o
}

// treeCategoryJSON is the trees API's shape: category_id, tree_id,
// category_uuid and url.
func treeCategoryJSON(c *shop.Category) object {
	o := categoryCommon(c)
	o["category_id"] = c.ID
	o["tree_id"] = c.TreeID
	o["category_uuid"] = c.UUID
	o["url"] = object{"path": c.URL, "is_customized": c.Customized}
	return o
}

// categoryFilter is the filters both category lists take (the deprecated
// one keys the id as id, the trees one as category_id).
type categoryFilter struct {
	ids                      shop.IntRange
	parents, trees           shop.IntRange
	uuids, notUUIDs          []string
	name, nameLike           string
	pageTitle, pageTitleLike string
	keyword                  string
	visible                  *bool
}

func categoryFilterOf(q url.Values, idKey string) categoryFilter {
	f := categoryFilter{
		ids: intRange(q, idKey), parents: intRange(q, "parent_id"), trees: intRange(q, "tree_id"),
		uuids: queryList(q, "category_uuid:in"), notUUIDs: queryList(q, "category_uuid:not_in"),
		name: q.Get("name"), nameLike: strings.Trim(q.Get("name:like"), "%"),
		pageTitle: q.Get("page_title"), pageTitleLike: strings.Trim(q.Get("page_title:like"), "%"),
		keyword: strings.ToLower(q.Get("keyword")), visible: queryBool(q, "is_visible"),
	}
	f.ids.In = append(f.ids.In, ints(q, idKey)...)
	f.parents.In = append(f.parents.In, ints(q, "parent_id")...)
	return f
}

func (f categoryFilter) match(c *shop.Category) bool {
	like := func(s, sub string) bool { return strings.Contains(strings.ToLower(s), strings.ToLower(sub)) }
	return f.ids.Match(c.ID) && f.parents.Match(c.ParentID) && f.trees.Match(c.TreeID) &&
		(len(f.uuids) == 0 || slices.Contains(f.uuids, c.UUID)) && !slices.Contains(f.notUUIDs, c.UUID) &&
		(f.name == "" || c.Name == f.name) && (f.nameLike == "" || like(c.Name, f.nameLike)) &&
		(f.pageTitle == "" || c.PageTitle == f.pageTitle) && (f.pageTitleLike == "" || like(c.PageTitle, f.pageTitleLike)) &&
		(f.keyword == "" || like(c.Name, f.keyword) || like(c.Description, f.keyword) || like(c.Keywords, f.keyword)) &&
		(f.visible == nil || c.Visible == *f.visible)
}

// getCategories is the deprecated list: the default tree's categories
// (the deprecated API knows only the default storefront's).
func (r *REST) getCategories(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	q := req.URL.Query()
	f, fl := categoryFilterOf(q, "id"), fieldsOf(q)
	readPage(r, w, req, in, func(st *shop.Store) []*shop.Category {
		return slices.DeleteFunc(st.Categories(nil, []int{shop.DefaultTree}), func(c *shop.Category) bool { return !f.match(c) })
	}, func(_ *shop.Store, c *shop.Category) any { return fl.apply(categoryJSON(c)) })
}

func (r *REST) getCategory(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	id := intParam(in, "category_id")
	r.readOne(w, in, "category", id, func(st *shop.Store) any {
		if c := st.Category(id); c != nil {
			return fieldsOf(req.URL.Query()).apply(categoryJSON(c))
		}
		return nil
	})
}

func (r *REST) createCategory(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	writeBody(r, w, req, in, func(st *shop.Store, input shop.CategoryInput) (*shop.Category, []shop.Event, error) {
		return st.CreateCategory(input)
	}, renderCategory)
}

func renderCategory(_ *shop.Store, c *shop.Category) any { return categoryJSON(c) }

func (r *REST) updateCategory(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	id := intParam(in, "category_id")
	writeBody(r, w, req, in, func(st *shop.Store, input shop.CategoryInput) (*shop.Category, []shop.Event, error) {
		return st.UpdateCategory(id, input)
	}, renderCategory)
}

func (r *REST) deleteCategory(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	id := intParam(in, "category_id")
	r.remove(w, req, in, func(st *shop.Store) ([]shop.Event, error) { return st.DeleteCategory(id) })
}

func (r *REST) getCategoryTrees(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	q := req.URL.Query()
	ids, channels := ints(q, "id:in"), ints(q, "channel_id:in")
	readPage(r, w, req, in, func(st *shop.Store) []*shop.CategoryTree {
		var out []*shop.CategoryTree
		for _, t := range st.CategoryTrees() {
			if (len(ids) == 0 || slices.Contains(ids, t.ID)) &&
				(len(channels) == 0 || slices.ContainsFunc(t.Channels, func(c int) bool { return slices.Contains(channels, c) })) {
				out = append(out, t)
			}
		}
		return out
	}, func(_ *shop.Store, t *shop.CategoryTree) any {
		return object{"id": t.ID, "name": t.Name, "channels": cloned(t.Channels)}
	})
}

func (r *REST) getTreeCategories(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	q := req.URL.Query()
	f, fl := categoryFilterOf(q, "category_id"), fieldsOf(q)
	readPage(r, w, req, in, func(st *shop.Store) []*shop.Category {
		return slices.DeleteFunc(st.Categories(nil, nil), func(c *shop.Category) bool { return !f.match(c) })
	}, func(_ *shop.Store, c *shop.Category) any {
		return fl.apply(treeCategoryJSON(c), "category_id", "tree_id", "category_uuid")
	})
}

// treeInput is one element of a trees API write: the category's fields,
// with url in place of custom_url and category_id naming it on PUT.
type treeInput struct {
	shop.CategoryInput
	CategoryID int `json:"category_id"`
	URL        *struct {
		Path         string `json:"path"`
		IsCustomized bool   `json:"is_customized"`
	} `json:"url"`
}

func (t treeInput) category() shop.CategoryInput {
	in := t.CategoryInput
	if t.URL != nil {
		in.CustomURL = &shop.CustomURL{URL: t.URL.Path, IsCustomized: t.URL.IsCustomized}
	}
	return in
}

func (r *REST) createTreeCategories(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	r.treeWrite(w, req, in, http.StatusCreated, func(st *shop.Store, t treeInput) (*shop.Category, []shop.Event, error) {
		if t.TreeID == nil && t.ParentID == nil {
			return nil, nil, fmt.Errorf("%w: tree_id: required when parent_id is not given", shop.ErrInvalid)
		}
		return st.CreateCategory(t.category())
	})
}

func (r *REST) updateTreeCategories(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	r.treeWrite(w, req, in, http.StatusOK, func(st *shop.Store, t treeInput) (*shop.Category, []shop.Event, error) {
		return st.UpdateCategory(t.CategoryID, t.category())
	})
}

// writeMeta is the meta of a trees API batch write: how many elements it
// had and how many were written.
type writeMeta struct {
	Total   int `json:"total"`
	Success int `json:"success"`
	Failed  int `json:"failed"`
}

// treeWrite runs one category write per element, in order, and answers
// status with the categories and meta {total, success, failed}. The first
// failure stops the batch and answers its error; the elements before it
// stay written but their events are not raised (a batch that fails
// part-way is the client's to redo).
func (r *REST) treeWrite(w http.ResponseWriter, req *http.Request, in *gateway.Request, status int, one func(*shop.Store, treeInput) (*shop.Category, []shop.Event, error)) {
	var inputs []treeInput
	if err := decode(in, &inputs); err != nil {
		in.Error(w, badBody(err))
		return
	}
	var body object
	if !r.write(w, req, in, func(st *shop.Store) ([]shop.Event, error) {
		var all []shop.Event
		var data []*shop.Category
		for i, t := range inputs {
			c, events, err := one(st, t)
			if err != nil {
				return nil, fmt.Errorf("[%d]: %w", i, err)
			}
			all = append(all, events...)
			data = append(data, c)
		}
		rendered := make([]any, 0, len(data))
		for _, c := range data {
			rendered = append(rendered, treeCategoryJSON(c))
		}
		body = object{"data": rendered, "meta": writeMeta{Total: len(data), Success: len(data)}}
		return all, nil
	}) {
		return
	}
	in.JSON(w, status, body)
}

// deleteTreeCategories deletes the categories its filters select
// (category_id:in, tree_id:in, parent_id:in, category_uuid:in; one is
// required). Every id of category_id:in must name a category.
func (r *REST) deleteTreeCategories(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	q := req.URL.Query()
	ids := ints(q, "category_id:in")
	f := categoryFilter{ids: shop.IntRange{In: ids}, trees: shop.IntRange{In: ints(q, "tree_id:in")},
		parents: shop.IntRange{In: ints(q, "parent_id:in")}, uuids: queryList(q, "category_uuid:in")}
	if len(ids)+len(f.trees.In)+len(f.parents.In)+len(f.uuids) == 0 {
		in.Error(w, invalidQuery("category_id:in", "a filter is required to delete categories"))
		return
	}
	r.remove(w, req, in, func(st *shop.Store) ([]shop.Event, error) {
		for _, id := range ids {
			if st.Category(id) == nil {
				return nil, fmt.Errorf("%w: category %d", shop.ErrNotFound, id)
			}
		}
		var all []shop.Event
		for _, c := range st.Categories(nil, nil) {
			if !f.match(c) {
				continue
			}
			events, _ := st.DeleteCategory(c.ID) // a subcategory of an earlier one is gone already
			all = append(all, events...)
		}
		return all, nil
	})
}

func (r *REST) getCategoryTree(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	tree := intParam(in, "tree_id")
	depth := 0
	if v := ints(req.URL.Query(), "depth"); len(v) > 0 {
		depth = v[0]
	}
	var nodes []any
	found := false
	r.cfg.Shop.Read(storeHash(in), func(st *shop.Store) {
		if st == nil || st.CategoryTree(tree) == nil {
			found = tree == 1 // every store has its default tree
			return
		}
		found = true
		nodes = categoryNodes(st, st.TreeRoots(tree), 1, depth)
	})
	if !found {
		in.Error(w, notFoundError("category tree", tree))
		return
	}
	in.JSON(w, http.StatusOK, object{"data": orEmpty(nodes), "meta": object{}})
}

// categoryNodes renders cs and their children, down to depth (0: all).
func categoryNodes(st *shop.Store, cs []*shop.Category, level, depth int) []any {
	out := make([]any, 0, len(cs))
	for _, c := range cs {
		children := []any{}
		if depth == 0 || level < depth {
			children = categoryNodes(st, st.Children(c), level+1, depth)
		}
		out = append(out, object{"id": c.ID, "parent_id": c.ParentID, "depth": level, "path": st.CategoryPath(c),
			"name": c.Name, "is_visible": c.Visible, "url": c.URL, "children": children})
	}
	return out
}

func brandJSON(b *shop.Brand) object {
	return object{"id": b.ID, "name": b.Name, "page_title": b.PageTitle, "meta_keywords": cloned(b.MetaKeywords),
		"meta_description": b.MetaDescription, "search_keywords": b.SearchKeywords, "image_url": b.ImageURL,
		"custom_url": object{"url": b.URL, "is_customized": b.URLCustomized}}
}

func (r *REST) getBrands(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	q := req.URL.Query()
	ids, fl := intRange(q, "id"), fieldsOf(q)
	ids.In = append(ids.In, ints(q, "id")...)
	name, like, title := q.Get("name"), strings.ToLower(strings.Trim(q.Get("name:like"), "%")), q.Get("page_title")
	readPage(r, w, req, in, func(st *shop.Store) []*shop.Brand {
		out := slices.DeleteFunc(st.Brands(), func(b *shop.Brand) bool {
			return !ids.Match(b.ID) || name != "" && b.Name != name || title != "" && b.PageTitle != title ||
				like != "" && !strings.Contains(strings.ToLower(b.Name), like)
		})
		if q.Get("sort") == "name" {
			slices.SortStableFunc(out, func(a, b *shop.Brand) int { return strings.Compare(a.Name, b.Name) })
		}
		if q.Get("direction") == "desc" {
			slices.Reverse(out)
		}
		return out
	}, func(_ *shop.Store, b *shop.Brand) any { return fl.apply(brandJSON(b)) })
}

func (r *REST) getBrand(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	id := intParam(in, "brand_id")
	r.readOne(w, in, "brand", id, func(st *shop.Store) any {
		if b := st.Brand(id); b != nil {
			return fieldsOf(req.URL.Query()).apply(brandJSON(b))
		}
		return nil
	})
}

func (r *REST) createBrand(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	writeBody(r, w, req, in, func(st *shop.Store, input shop.BrandInput) (*shop.Brand, []shop.Event, error) {
		b, err := st.CreateBrand(input)
		return b, nil, err
	}, renderBrand)
}

func renderBrand(_ *shop.Store, b *shop.Brand) any { return brandJSON(b) }

func (r *REST) updateBrand(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	id := intParam(in, "brand_id")
	writeBody(r, w, req, in, func(st *shop.Store, input shop.BrandInput) (*shop.Brand, []shop.Event, error) {
		b, err := st.UpdateBrand(id, input)
		return b, nil, err
	}, renderBrand)
}

func (r *REST) deleteBrand(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	id := intParam(in, "brand_id")
	r.remove(w, req, in, func(st *shop.Store) ([]shop.Event, error) { return nil, st.DeleteBrand(id) })
}
